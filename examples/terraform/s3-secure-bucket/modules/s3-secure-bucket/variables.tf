variable "environment" {
  description = "Target environment; the first part of every name ({env}-{team}-{resource})."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging or prod."
  }
}

variable "team" {
  description = "Owning team, lowercase (the {team} part of the name)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,18}[a-z0-9]$", var.team))
    error_message = "team must be 3-20 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "bucket_purpose" {
  description = "What the bucket holds (the {resource} part of the name), e.g. invoices."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,18}[a-z0-9]$", var.bucket_purpose))
    error_message = "bucket_purpose must be 3-20 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Mandatory tags from tagging-standard.md: owner, cost-center and data-classification (environment and managed-by are added by the module)."
  type        = map(string)

  validation {
    condition     = alltrue([for key in ["owner", "cost-center", "data-classification"] : contains(keys(var.tags), key)])
    error_message = "tags must contain owner, cost-center and data-classification."
  }

  validation {
    condition     = can(regex("^CC-[0-9]{4}$", lookup(var.tags, "cost-center", "")))
    error_message = "tags[\"cost-center\"] must look like CC-1234."
  }

  validation {
    condition     = contains(["public", "internal", "confidential", "restricted"], lookup(var.tags, "data-classification", ""))
    error_message = "tags[\"data-classification\"] must be one of public, internal, confidential or restricted."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which noncurrent object versions are deleted."
  type        = number
  default     = 365

  validation {
    condition     = var.noncurrent_version_expiration_days >= 30 && var.noncurrent_version_expiration_days <= 3650
    error_message = "noncurrent_version_expiration_days must be between 30 and 3650."
  }
}
