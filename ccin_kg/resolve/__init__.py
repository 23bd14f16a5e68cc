"""Resolve: surface names → canonical, typed entities (councils linked to the register)."""
