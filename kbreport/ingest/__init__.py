"""Reading portal exports: schema, readers, structure checks, validation, the dataset, the region master, demo data."""
