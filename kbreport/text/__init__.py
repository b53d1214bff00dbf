"""What a reader reads: number and date formats, id/en labels, validation messages, talking points."""
