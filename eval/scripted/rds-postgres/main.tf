terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

locals {
  name = "${var.environment}-${var.team}-ledger-db"
  tags = {
    team          = var.team
    environment   = var.environment
    "cost-center" = var.cost_center
    "managed-by"  = "infrakit"
  }
}

resource "aws_db_subnet_group" "ledger" {
  name       = local.name
  subnet_ids = var.subnet_ids
  tags       = local.tags
}

resource "aws_security_group" "ledger" {
  name        = local.name
  description = "PostgreSQL access for the ledger service"
  vpc_id      = var.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "from_app" {
  security_group_id            = aws_security_group.ledger.id
  referenced_security_group_id = var.app_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from the ledger application"
}

resource "aws_db_instance" "ledger" {
  identifier                   = local.name
  engine                       = "postgres"
  engine_version               = "16"
  instance_class               = "db.t4g.medium"
  allocated_storage            = 50
  max_allocated_storage        = 200
  storage_type                 = "gp3"
  storage_encrypted            = true
  kms_key_id                   = var.kms_key_arn
  db_name                      = "ledger"
  username                     = "ledger_admin"
  manage_master_user_password  = true
  db_subnet_group_name         = aws_db_subnet_group.ledger.name
  vpc_security_group_ids       = [aws_security_group.ledger.id]
  publicly_accessible          = false
  multi_az                     = true
  backup_retention_period      = 14
  deletion_protection          = true
  skip_final_snapshot          = false
  final_snapshot_identifier    = "${local.name}-final"
  copy_tags_to_snapshot        = true
  auto_minor_version_upgrade   = true
  performance_insights_enabled = true
  tags                         = local.tags

  lifecycle {
    prevent_destroy = true
  }
}
