variable "team" {
  description = "Owning team, used in names and the team tag."
  type        = string
}

variable "environment" {
  description = "Target environment (dev or prod)."
  type        = string
  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be dev or prod."
  }
}

variable "cost_center" {
  description = "Cost center for the cost-center tag."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the customer-managed KMS key that encrypts the bucket."
  type        = string
}
