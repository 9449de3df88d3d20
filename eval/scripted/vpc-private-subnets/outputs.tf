output "vpc_id" {
  description = "Id of the VPC."
  value       = aws_vpc.core.id
}

output "private_subnet_ids" {
  description = "Ids of the private subnets, one per availability zone."
  value       = aws_subnet.private[*].id
}
