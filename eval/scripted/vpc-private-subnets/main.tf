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
  name = "${var.environment}-${var.team}-core-vpc"
  tags = {
    team          = var.team
    environment   = var.environment
    "cost-center" = var.cost_center
    "managed-by"  = "infrakit"
  }
  zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
}

resource "aws_vpc" "core" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(local.tags, { Name = local.name })
}

resource "aws_subnet" "private" {
  count                   = length(local.zones)
  vpc_id                  = aws_vpc.core.id
  availability_zone       = local.zones[count.index]
  cidr_block              = cidrsubnet(aws_vpc.core.cidr_block, 4, count.index)
  map_public_ip_on_launch = false
  tags                    = merge(local.tags, { Name = "${local.name}-private-${local.zones[count.index]}" })
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.core.id
  tags   = merge(local.tags, { Name = "${local.name}-private" })
}

resource "aws_route_table_association" "private" {
  count          = length(aws_subnet.private)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}
