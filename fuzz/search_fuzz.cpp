// The あいまい検索 normaliser (domain/search_text): folding, terms, user
// characters, synonym groups.
#include <string>

#include "domain/search_text.hpp"
#include "domain/text.hpp"
#include "fuzz_check.hpp"

using namespace yoyaku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  const std::string folded = domain::fold_for_search(text);
  FUZZ_CHECK(domain::is_valid_utf8(folded));
  FUZZ_CHECK(domain::fold_for_search(folded) == folded);  // idempotent
  FUZZ_CHECK(folded.find("  ") == std::string::npos);
  FUZZ_CHECK(folded.find("\u3000") == std::string::npos);

  for (const auto& term : domain::search_terms(text)) {
    FUZZ_CHECK(!term.empty());
    FUZZ_CHECK(term.find(' ') == std::string::npos);
    FUZZ_CHECK(domain::fold_for_search(term) == term);
    FUZZ_CHECK(folded.find(term) != std::string::npos);
  }

  const std::size_t characters = domain::count_user_characters(text);
  if (domain::is_valid_utf8(text)) {
    FUZZ_CHECK(characters <= domain::count_code_points(text));
    FUZZ_CHECK((characters == 0) == text.empty());
  }

  for (const auto& group : domain::parse_synonym_groups(text)) {
    FUZZ_CHECK(!group.empty());
    for (const auto& word : group) {
      FUZZ_CHECK(!word.empty());
      FUZZ_CHECK(domain::fold_for_search(word) == word);
    }
  }
  return 0;
}
