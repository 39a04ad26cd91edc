#pragma once
// Text folding for あいまい検索: full-width and half-width forms, upper and
// lower case, katakana and hiragana all compare equal after this.
#include <string>
#include <string_view>
#include <vector>

namespace yoyaku::domain {

// NFKC with case folding (ICU), then katakana to hiragana (ー is kept), and
// runs of white space (including U+3000) become one ASCII space.
std::string fold_for_search(std::string_view text);

// The folded, space-separated terms of a query; empty terms dropped.
std::vector<std::string> search_terms(std::string_view query);

// Characters as a user sees them: extended grapheme clusters (UAX #29, as
// ICU and the browser's Intl.Segmenter count them), so 👨‍👩‍👧 or が (か + ゛) is one.
std::size_t count_user_characters(std::string_view text);

// Groups of words that mean the same (one group per line, words separated by
// spaces or commas, '#' starts a comment), folded.
std::vector<std::vector<std::string>> parse_synonym_groups(std::string_view text);

}  // namespace yoyaku::domain
