#include "domain/search_text.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>

namespace yoyaku::domain {
namespace {

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC_Casefold is not available");
    return normalizer;
  }();
  return *instance;
}

bool is_space(UChar32 c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000; }

}  // namespace

std::string fold_for_search(std::string_view text) {
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = nfkc_casefold().normalize(source, status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < folded.length();) {
    UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    if (is_space(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (pending_space) {
      out.append(static_cast<UChar32>(' '));
      pending_space = false;
    }
    // Katakana ァ..ヶ and the iteration marks ヽヾ to hiragana; ー stays.
    if ((c >= 0x30A1 && c <= 0x30F6) || c == 0x30FD || c == 0x30FE) c -= 0x60;
    out.append(c);
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::size_t count_user_characters(std::string_view text) {
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  // A break iterator is not thread-safe: one per call (cheap next to a request).
  std::unique_ptr<icu::BreakIterator> characters(icu::BreakIterator::createCharacterInstance(icu::Locale::getJapanese(), status));
  if (U_FAILURE(status)) return static_cast<std::size_t>(source.countChar32());
  characters->setText(source);
  std::size_t count = 0;
  for (int32_t end = characters->next(); end != icu::BreakIterator::DONE; end = characters->next()) ++count;
  return count;
}

std::vector<std::string> search_terms(std::string_view query) {
  std::string folded = fold_for_search(query);
  std::vector<std::string> terms;
  std::size_t start = 0;
  while (start < folded.size()) {
    auto space = folded.find(' ', start);
    std::string term = folded.substr(start, space == std::string::npos ? std::string::npos : space - start);
    if (!term.empty()) terms.push_back(term);
    if (space == std::string::npos) break;
    start = space + 1;
  }
  return terms;
}

std::vector<std::vector<std::string>> parse_synonym_groups(std::string_view text) {
  std::vector<std::vector<std::string>> groups;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    std::string line(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    start = end == std::string_view::npos ? text.size() : end + 1;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    for (auto& ch : line) {
      if (ch == ',') ch = ' ';
    }
    auto words = search_terms(line);
    if (words.size() >= 2) groups.push_back(std::move(words));
  }
  return groups;
}

}  // namespace yoyaku::domain
