#!/usr/bin/env bash
# Prints the headline performance figures (medians over several runs; never asserted in tests):
# Tổng quan for 10 years of data (criterion), the import ratio, the import fuzzing (bounded
# time), the two longest reports as PDF (pages, size, against LibreOffice converting the same
# report from DOCX), the release app's cold start and memory with WebKit's compositing on and
# off against their goals; backup and restore of a large evidence store; 300 SIGKILLs of the
# CLI (tests/kill), printing how many it survived.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

cargo bench -p cchc-core --bench dashboard >/dev/null
cargo bench -p cchc-core --bench import 2>/dev/null | grep -E "^(trung vị|tỷ lệ)" || true

# Never a panic on any input: each fuzz target for a bounded time (cargo-fuzz on the nightly
# toolchain, when the machine has both), then many more generated and damaged workbooks than
# the test suite runs. A crash found is kept as a regression test in core/tests/import_fuzz.rs.
# Built once, without AddressSanitizer (`--sanitizer none`): what is hunted is a panic in safe
# Rust, and the build and the runs are much lighter on a shared 2-core machine; libFuzzer's
# coverage guidance is kept. Long inputs from the start (`-len_control=0`): a sheet needs more
# than a few bytes, and a bounded run would otherwise spend itself on tiny ones.
fuzz_seconds="${FUZZ_SECONDS:-60}"
if command -v cargo-fuzz >/dev/null 2>&1 && rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  if (cd fuzz && cargo +nightly fuzz build --sanitizer none >../target/fuzz-build.log 2>&1); then
    for target in workbook import; do
      if (cd fuzz && cargo +nightly fuzz run --sanitizer none "$target" -- -max_total_time="$fuzz_seconds" \
          -len_control=0 -max_len=4096 >"../target/fuzz-$target.log" 2>&1); then
        echo "fuzz $target: ${fuzz_seconds} giây, không có lỗi ($(grep -Eo '#[0-9]+' "target/fuzz-$target.log" | tail -1 | tr -d '#') lần chạy)"
      else
        echo "fuzz $target: CÓ LỖI, xem target/fuzz-$target.log và fuzz/artifacts/$target/"
      fi
    done
  else
    echo "fuzz: không dựng được các đích fuzz, xem target/fuzz-build.log"
  fi
else
  echo "fuzz: bỏ qua cargo-fuzz (cần cargo install cargo-fuzz và rustup toolchain install nightly)"
fi
PROPTEST_CASES="${FUZZ_CASES:-2000}" cargo test --release -p cchc-core --test import_fuzz 2>&1 \
  | grep -E "^test result" | sed "s/^/tệp sinh ngẫu nhiên và tệp hỏng (${FUZZ_CASES:-2000} mỗi loại): /" || true
cargo bench -p cchc-core --bench report 2>/dev/null \
  | grep -E "^(Tiến độ kế hoạch \(PDF\):|Biểu tự chấm điểm \(PDF\):|trung vị|LibreOffice|Bỏ qua)" || true
cargo bench -p cchc-core --bench backup 2>/dev/null | grep -E "^(Sao lưu|Khôi phục)" || true
CCHC_KILLS=300 cargo test --release -p cchc-cli --test kill -- --nocapture 2>/dev/null \
  | grep -E "^Sống sót" || echo "Kill harness: có lần không sống sót (chạy lại không có 2>/dev/null để xem)"
# The office network: 30 users on one host for 2 minutes (loopback), no error, no lost write.
CCHC_LOAD_USERS=30 CCHC_LOAD_SECONDS=120 cargo test --release -p cchc-api --test load -- --nocapture 2>/dev/null \
  | grep -E "^Tải:" | sed 's/$/ (mục tiêu p95 < 300 ms)/' || echo "Thử tải: có lỗi (chạy lại không có 2>/dev/null để xem)"
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
