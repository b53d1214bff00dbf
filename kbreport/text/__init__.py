"""What a reader reads: the one id/en text catalogue (catalogue, words/), number and date formats (fmt), labels, validation messages, talking points."""
