"""Building one report: params, notebook lookup and execution, HTML/PDF rendering, annex, figures.json."""
