#include "domain/language.hpp"

#include <cctype>
#include <string>

namespace yoyaku::domain {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "0.8" -> 800; malformed -> -1 (the entry is ignored).
int quality_in_thousandths(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return -1;
  int whole = text[0] - '0';
  int thousandths = 0;
  if (text.size() > 1) {
    if (text[1] != '.' || text.size() > 5) return -1;
    int scale = 100;
    for (std::size_t i = 2; i < text.size(); ++i, scale /= 10) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
      thousandths += (text[i] - '0') * scale;
    }
  }
  int q = whole * 1000 + thousandths;
  return q > 1000 ? -1 : q;
}

}  // namespace

std::string_view language_code(Language language) { return language == Language::en ? "en" : "ja"; }

std::optional<Language> language_from_code(std::string_view code) {
  std::string text = lower(code);
  if (text == "ja") return Language::ja;
  if (text == "en") return Language::en;
  return std::nullopt;
}

std::optional<Language> language_from_accept_header(std::string_view header) {
  std::optional<Language> best;
  int best_q = 0;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view entry = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semicolon = entry.find(';');
    std::string tag = lower(trim(entry.substr(0, semicolon)));
    int q = 1000;
    if (semicolon != std::string_view::npos) {
      std::string params = lower(entry.substr(semicolon + 1));
      std::string_view rest = trim(params);
      if (rest.rfind("q=", 0) != 0) continue;
      q = quality_in_thousandths(trim(rest.substr(2)));
      if (q < 0) continue;
    }
    std::optional<Language> language;
    std::string primary = tag.substr(0, tag.find('-'));
    if (tag == "*") language = Language::ja;
    else language = language_from_code(primary);
    // Earlier entries win ties: the client listed them first.
    if (language && q > best_q) {
      best = language;
      best_q = q;
    }
  }
  return best;
}

}  // namespace yoyaku::domain
