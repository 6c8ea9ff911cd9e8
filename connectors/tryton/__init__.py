"""Tryton ERP over JSON-RPC: customers are parties carrying their golden id as an identifier."""
