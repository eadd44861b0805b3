"""Render: builders that return charts, maps, tables, QR codes and PDFs; pages show them."""
