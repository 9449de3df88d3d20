output "endpoint" {
  description = "Connection endpoint of the ledger database."
  value       = aws_db_instance.ledger.endpoint
}
