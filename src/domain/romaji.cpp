#include "domain/romaji.hpp"

#include <cctype>
#include <map>
#include <vector>

namespace yoyaku::domain {
namespace {

// One code point from UTF-8, or -1.
long next_code_point(std::string_view text, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  if (i >= text.size()) return -1;
  if (byte(i) < 0x80) return byte(i++);
  if ((byte(i) & 0xF0) == 0xE0 && i + 2 < text.size()) {
    long cp = ((byte(i) & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F);
    i += 3;
    return cp;
  }
  return -1;
}

const std::map<long, std::string>& syllables() {
  // Hiragana U+3041–3093 in order; "" for the small kana handled apart.
  static const std::map<long, std::string> table = [] {
    const char* names[] = {
        "",   "a",  "",   "i",  "",   "u",  "",   "e",  "",   "o",  "ka", "ga", "ki", "gi", "ku", "gu",
        "ke", "ge", "ko", "go", "sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo", "ta", "da",
        "chi", "ji", "",  "tsu", "zu", "te", "de", "to", "do", "na", "ni", "nu", "ne", "no", "ha", "ba",
        "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po", "ma", "mi", "mu",
        "me", "mo", "",   "ya", "",   "yu", "",   "yo", "ra", "ri", "ru", "re", "ro", "",   "wa", "i",
        "e",  "o",  "n"};
    std::map<long, std::string> out;
    long cp = 0x3041;
    for (const char* name : names) out[cp++] = name;
    return out;
  }();
  return table;
}

}  // namespace

std::optional<std::string> romaji_of_reading(std::string_view reading) {
  // Katakana (U+30A1–30F3) read as hiragana; ー lengthens (dropped, as on signs).
  std::vector<long> kana;
  for (std::size_t i = 0; i < reading.size();) {
    long cp = next_code_point(reading, i);
    if (cp >= 0x30A1 && cp <= 0x30F3) cp -= 0x60;
    if (cp == 0x30FC) continue;
    if (cp < 0x3041 || cp > 0x3093) return std::nullopt;
    kana.push_back(cp);
  }
  if (kana.empty()) return std::nullopt;
  const auto& table = syllables();
  std::string out;
  bool double_next = false;
  for (std::size_t k = 0; k < kana.size(); ++k) {
    const long cp = kana[k];
    if (cp == 0x3063) {  // っ: the next consonant doubled
      double_next = true;
      continue;
    }
    std::string syllable = table.at(cp);
    const bool small_y = k + 1 < kana.size() && (kana[k + 1] == 0x3083 || kana[k + 1] == 0x3085 || kana[k + 1] == 0x3087);
    if (small_y && syllable.size() >= 2 && syllable.back() == 'i') {  // きゃ kya, しゃ sha, ちゃ cha, じゃ ja
      const std::string vowel = kana[k + 1] == 0x3083 ? "a" : kana[k + 1] == 0x3085 ? "u" : "o";
      syllable.pop_back();
      if (syllable == "sh" || syllable == "ch" || syllable == "j") syllable += vowel;
      else syllable += "y" + vowel;
      ++k;
    } else if (syllable.empty()) {  // a small kana on its own: its vowel
      static const std::map<long, std::string> small = {{0x3041, "a"}, {0x3043, "i"}, {0x3045, "u"}, {0x3047, "e"},
                                                        {0x3049, "o"}, {0x3083, "ya"}, {0x3085, "yu"}, {0x3087, "yo"},
                                                        {0x308E, "wa"}};
      auto found = small.find(cp);
      if (found == small.end()) return std::nullopt;
      syllable = found->second;
    }
    if (double_next) {
      out += syllable.rfind("ch", 0) == 0 ? 't' : syllable[0];
      double_next = false;
    }
    // ん before a vowel or y is written n' (しんおおさか shin'osaka).
    if (!out.empty() && out.back() == 'n' && cp != 0x3093 && k > 0 && kana[k - 1] == 0x3093 &&
        (std::string("aeiouy").find(syllable[0]) != std::string::npos)) {
      out += '\'';
    }
    out += syllable;
  }
  // Long vowels unmarked, as on signs: おお and おう are o, うう is u.
  std::string shortened;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i > 0 && out[i - 1] == 'o' && (out[i] == 'o' || out[i] == 'u') && (i + 1 >= out.size() || out[i + 1] != '\'')) continue;
    if (i > 0 && out[i - 1] == 'u' && out[i] == 'u') continue;
    shortened += out[i];
  }
  shortened[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(shortened[0])));
  return shortened;
}

}  // namespace yoyaku::domain
