#pragma once
// The message catalogues: i18n/<language>.json, one per language, nested
// objects of strings addressed by dotted keys ("booking.confirm.title").
// Japanese is the reference (the manual's wording); every key exists in every
// language (a test checks it, and start-up refuses a template whose key is
// missing).
//
// Templates say {{t.KEY}}: the text is put into the template's source when the
// templates are parsed, once per language, so a catalogue text may itself use
// the page's mustache variables ("{{count}} bookings") and may hold markup.
// C++ asks for a text with text(language, key), filling "{name}" placeholders.
#include <map>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "domain/language.hpp"

namespace yoyaku {

class Messages {
 public:
  using Sources = std::map<domain::Language, std::string>;
  // Parses the catalogues (JSON text per language); throws on malformed JSON
  // or a value that is neither a string nor an object.
  explicit Messages(const Sources& sources);

  // The catalogues embedded in the binary (i18n/ja.json, i18n/en.json).
  static const Messages& embedded();

  // The text of `key`, or nullptr.
  const std::string* find(domain::Language language, std::string_view key) const;
  // The text of `key` with each "{name}" replaced by its value; throws
  // std::out_of_range when the key is missing.
  std::string text(domain::Language language, std::string_view key,
                   const std::map<std::string, std::string>& values = {}) const;
  // Every key of a language, sorted.
  std::vector<std::string> keys(domain::Language language) const;

  // C++ (services, views) writes Japanese, the reference. For another
  // language, a text that is exactly the Japanese of a key under "code." is
  // replaced by that key's text; a text that C++ built around values (a time,
  // an office's name and phone) is matched by a "code_pattern." key whose
  // Japanese holds "{name}" placeholders, and the values are put into its
  // text; dates and times are then written the language's way
  // (domain/english_dates.hpp).
  std::string localize(domain::Language language, const std::string& japanese) const;
  // localize() on every string of a page or mail context, except under
  // "values" (what the user typed, kept as typed).
  void localize_all(domain::Language language, nlohmann::json& context) const;

  // `source` with every {{t.KEY}} replaced by the text of KEY; throws
  // std::out_of_range naming the key when it is missing.
  std::string expand(std::string_view source, domain::Language language) const;

 private:
  std::map<domain::Language, std::map<std::string, std::string, std::less<>>> texts_;
  std::map<std::string, std::string, std::less<>> code_keys_;  // Japanese text of a "code." key -> key
  struct Pattern {
    std::regex japanese;             // the whole text, each placeholder a group
    std::vector<std::string> names;  // the placeholders, in order
    std::string key;
  };
  static Pattern pattern_of(const std::string& japanese, const std::string& key);
  std::vector<Pattern> code_patterns_;
};

// The keys present in one catalogue and missing from the other ("en: a.b").
std::vector<std::string> catalogue_differences(const Messages& messages);

}  // namespace yoyaku
