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

variable "subnet_ids" {
  description = "Private subnet ids for the DB subnet group."
  type        = list(string)
}

variable "app_security_group_id" {
  description = "Security group of the application allowed to connect on 5432."
  type        = string
}

variable "vpc_id" {
  description = "VPC the database lives in."
  type        = string
}
