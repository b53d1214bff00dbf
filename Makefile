# The README's two commands: `make demo` and `make test`. Both set up .venv when missing.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kbreport-installed
DATA   := data/demo
OUT    := outputs

.PHONY: demo test data validate venv bench bench-batch bench-fanout bench-national bench-xlsx clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (kbreport)" >/dev/null
	$(BIN)/python -m kbreport.nbstrip --install  # git stores notebooks without outputs; skipped outside git
	@touch $(STAMP)

data: $(STAMP)
	$(BIN)/kbreport demo --out $(DATA)

validate: data
	$(BIN)/kbreport validate --data $(DATA)

demo: validate
	$(BIN)/kbreport run params/ --data $(DATA) --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest -n 2  # two processes: the suite takes about half as long (pytest-xdist)

bench: $(STAMP)
	$(BIN)/python bench/bench_analyses.py

bench-batch: $(STAMP)
	$(BIN)/python bench/bench_batch.py

bench-fanout: $(STAMP) data
	$(BIN)/python bench/bench_fanout.py

# issue 14: the 553 national reports, floor, naive sample, growth, Dask, XLSX (tens of minutes; QUICK=1: a few)
bench-national: $(STAMP) data
	$(BIN)/python bench/bench_national.py --data $(DATA) $(if $(QUICK),--quick,)

bench-xlsx: $(STAMP) data
	$(BIN)/python bench/bench_xlsx.py --data $(DATA)

clean:
	rm -rf $(DATA) $(OUT)/*/ $(OUT)/index.html $(OUT)/manifest.json
