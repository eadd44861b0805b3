"""Source adapters: one small module per source format in the raw mirror."""
