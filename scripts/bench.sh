#!/usr/bin/env bash
# Prints the headline performance figures (medians over several runs; never asserted in tests):
# Tổng quan for 10 years of data (criterion), the import ratio, the two longest reports as PDF
# (pages, size, against LibreOffice converting the same report from DOCX), and the release
# app's cold start and memory, with WebKit's compositing on and off, against their goals.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

cargo bench -p cchc-core --bench dashboard >/dev/null
cargo bench -p cchc-core --bench import 2>/dev/null | grep -E "^tỷ lệ" || true
cargo bench -p cchc-core --bench report 2>/dev/null \
  | grep -E "^(Tiến độ kế hoạch \(PDF\):|Biểu tự chấm điểm \(PDF\):|trung vị|LibreOffice|Bỏ qua)" || true
node -e '
const fs = require("fs");
for (const [name, what] of [["overview_10_years", "Tổng quan, 10 năm dữ liệu"], ["summary_10_years", "cchc summary, 10 năm dữ liệu"]]) {
  const e = JSON.parse(fs.readFileSync(`target/criterion/${name}/new/estimates.json`, "utf8"));
  console.log(`${what}: trung vị ${(e.median.point_estimate / 1e6).toFixed(1)} ms (mục tiêu < 50 ms)`);
}'

# The app as shipped: a release build with the UI embedded (target/release/cchc-xa); the CLI
# only makes the demo data.
log=$(mktemp)
ui/node_modules/.bin/tauri build --no-bundle --ci >"$log" 2>&1 || { cat "$log"; exit 1; }
rm -f "$log"
cargo build -q -p cchc-cli
(cd tests/e2e && node bench.mjs)
