output "bucket_name" {
  description = "Name of the invoices bucket."
  value       = aws_s3_bucket.invoices.bucket
}

output "bucket_arn" {
  description = "ARN of the invoices bucket."
  value       = aws_s3_bucket.invoices.arn
}
