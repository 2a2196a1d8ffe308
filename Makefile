# Youcheng: two commands on a fresh machine — `make demo` and `make test`.
PORT ?= 8080
SHELL := /bin/bash

.PHONY: demo demo-world bench-web test build dist setup setup-test serve sizes check-data basemap pinyin-table bench screenshot fuzz setup-fuzz golden clean

demo: build
	node tools/serve.mjs www $(PORT)

# The world twin-city list (~25,000 pairs, ~8,000 origins) as a network that is not Shandong's:
# converted into www/data/world/ and served; open the URL printed below.
demo-world: build
	cargo run --quiet --release --bin youcheng-data -- world tests/fixtures/world_twin_cities.csv data www/data/world
	@echo "open http://localhost:$(PORT)/embed.html?origins-src=data/world/origins.csv&data-src=data/world/partnerships.csv"
	node tools/serve.mjs www $(PORT)

test: setup-test build
	tools/test-all.sh

build: setup
	tools/build.sh

# dist/: the built page with content-hashed names, the JS bundled and minified and the CSS minified
# (esbuild), for any static server (see README, "Deploying dist/"). This is the shipped widget.
dist: build
	node tools/dist.mjs www dist

setup:
	tools/setup.sh build

setup-test:
	tools/setup.sh test

serve:
	node tools/serve.mjs www $(PORT)

# Bytes (raw and gzip -9) of the widget as www/ holds it and as dist/ ships it (minified), and the
# default payload (the shipped widget and the data a map fetches by default).
sizes: build
	tools/sizes.sh

# Validate data/ and print statistics.
check-data:
	cargo run --quiet --bin youcheng-data -- check data

# Regenerate data/basemap.json from the npm package (data-prep step; the result is committed).
basemap: setup
	cargo run --quiet --bin youcheng-data -- basemap node_modules/@surbowl/world-geo-json-zh/world.zh.json data/basemap.json \
	  --attribution "Basemap: @surbowl/world-geo-json-zh 2.1.5 (Unlicense), Natural Earth 1:50m adjusted to China's standard map GS(2023)2767"

# Regenerate src/search/pinyin_table.rs (toneless pinyin of the GB2312 hanzi for search keys) from
# the `pinyin` crate 0.11.0, a pinned dev-dependency, with tests/pinyin_table.rs — which, without
# the variable, checks the committed file against the crate (data-prep step; the result is committed).
pinyin-table:
	YOUCHENG_UPDATE_PINYIN=1 cargo test --quiet --test pinyin_table

bench:
	cargo bench --bench core

# Youcheng against Apache ECharts 6.1 in headless Chromium, at the shipped size and the world
# network (RUNS=3 interleaved runs; SIZES=shipped,world): a table of medians and ratios.
bench-web: setup-test dist
	cargo run --quiet --release --bin youcheng-data -- world tests/fixtures/world_twin_cities.csv data www/data/world
	node tools/bench-web.mjs

# Retake docs/screenshot.png with the page test.
screenshot: setup-test build
	YOUCHENG_SCREENSHOT=docs/screenshot.png node --test --test-reporter=spec --test-name-pattern='screenshot' tests/page/

# Fuzz every target in fuzz/ for FUZZ_SECONDS each (default 60); crashes go to fuzz/artifacts/.
FUZZ_SECONDS ?= 60
fuzz: setup-fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) tools/fuzz.sh

setup-fuzz:
	tools/setup.sh fuzz

# Rewrite the golden images of the map canvas (tests/page/golden/*.png) from the current build.
golden: setup-test build
	YOUCHENG_UPDATE_GOLDEN=1 node --test --test-reporter=spec --test-concurrency=1 tests/page/golden.test.mjs

clean:
	rm -rf target www/pkg www/data dist test-results
