"""The demo data: a synthetic export calibrated exactly to the published figures (docs/demo-data.md).

It sits above ingest and analysis: the generator writes the same tables a portal export holds and labels each
Kampung KB with the class kbreport.analysis.classification computes."""
