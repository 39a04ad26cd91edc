// 手続き検索 over all 534 offices (603 procedures): the in-memory index.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "db/database.hpp"
#include "services/admin/demo_seed.hpp"
#include "services/admin/office_import.hpp"
#include "services/public/search.hpp"
#include "store/migrations.hpp"

namespace {

using namespace yoyaku;

struct Fixture {
  std::string path = "/tmp/yoyaku-search-bench-" + std::to_string(getpid()) + ".db";
  std::unique_ptr<db::Pool> pool;
  std::unique_ptr<services::ProcedureCatalog> catalog;
  Fixture() {
    std::filesystem::remove(path);
    auto c = db::connect("sqlite:" + path);
    store::migrate(*c, 1763700000);
    std::ifstream file(YOYAKU_SOURCE_DIR "/data/hellowork-offices.csv", std::ios::binary);
    std::stringstream csv;
    csv << file.rdbuf();
    services::import_offices_csv(*c, csv.str(), 1763700000);
    services::seed_demo(*c, 1763700000);
    pool = std::make_unique<db::Pool>("sqlite:" + path, 2);
    catalog = std::make_unique<services::ProcedureCatalog>(*pool);
    catalog->refresh_if_changed();
  }
  ~Fixture() {
    catalog.reset();
    pool.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

Fixture& fixture() {
  static Fixture instance;
  return instance;
}

void search(benchmark::State& state, const char* text, bool synonyms) {
  auto& f = fixture();
  services::ProcedureQuery query;
  query.text = text;
  query.synonyms = synonyms;
  for (auto _ : state) benchmark::DoNotOptimize(f.catalog->search(query));
}

void BM_SearchShokugyoSodanShinagawa(benchmark::State& state) { search(state, "職業相談 品川", false); }
void BM_SearchReadingInHalfWidthKatakana(benchmark::State& state) { search(state, "ｼﾅｶﾞﾜ", false); }
void BM_SearchMunicipalityWithSynonyms(benchmark::State& state) { search(state, "就職相談 大田区", true); }
void BM_SearchEverything(benchmark::State& state) { search(state, "", false); }

BENCHMARK(BM_SearchShokugyoSodanShinagawa)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SearchReadingInHalfWidthKatakana)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SearchMunicipalityWithSynonyms)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SearchEverything)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
