// Domain rules on the request path: closed-day checks for calendar cells,
// input normalisation, and parsing the office list.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "domain/csv.hpp"
#include "domain/dates.hpp"
#include "domain/holidays.hpp"
#include "domain/validation.hpp"

namespace {

using namespace yoyaku::domain;

// One calendar page: 3 months of days, as the booking calendar shows them.
void BM_ClosedDaysForAThreeMonthCalendar(benchmark::State& state) {
  const Date start{std::chrono::year{2026} / 11 / 21};
  for (auto _ : state) {
    int closed = 0;
    for (int i = 0; i < 92; ++i) closed += is_closed_day(add_days(start, i));
    benchmark::DoNotOptimize(closed);
  }
  state.SetItemsProcessed(state.iterations() * 92);
}
BENCHMARK(BM_ClosedDaysForAThreeMonthCalendar);

void BM_NationalHolidaysOfAYear(benchmark::State& state) {
  int year = 1970;
  for (auto _ : state) {
    benchmark::DoNotOptimize(national_holidays(year));
    year = year == 2099 ? 1970 : year + 1;
  }
}
BENCHMARK(BM_NationalHolidaysOfAYear);

void BM_NormaliseJobSeekerNumber(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(normalize_job_seeker_number("１２３４５－１２３４５６７８"));
}
BENCHMARK(BM_NormaliseJobSeekerNumber);

void BM_ParseOfficeList(benchmark::State& state) {
  std::ifstream file(YOYAKU_SOURCE_DIR "/data/hellowork-offices.csv", std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  const std::string csv = text.str();
  for (auto _ : state) benchmark::DoNotOptimize(parse_csv(csv));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(csv.size()));
}
BENCHMARK(BM_ParseOfficeList);

}  // namespace

BENCHMARK_MAIN();
