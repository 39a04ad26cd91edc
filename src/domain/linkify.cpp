#include "domain/linkify.hpp"

#include <array>

namespace yoyaku::domain {
namespace {

bool url_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7f) return false;  // spaces, controls and anything not ASCII (。、「 …)
  return c != '<' && c != '>' && c != '"' && c != '\'' && c != '`';
}

bool trailing_punctuation(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')';
}

// Where the next link starts at or after `from` (npos: none), and its scheme's length.
std::size_t next_scheme(std::string_view text, std::size_t from, std::size_t& scheme_length) {
  static constexpr std::array<std::string_view, 2> schemes = {"https://", "http://"};
  std::size_t best = std::string_view::npos;
  for (auto scheme : schemes) {
    auto at = text.find(scheme, from);
    if (at < best) {
      best = at;
      scheme_length = scheme.size();
    }
  }
  return best;
}

}  // namespace

std::vector<TextPart> link_parts(std::string_view text) {
  std::vector<TextPart> parts;
  auto add_text = [&parts](std::string_view piece) {
    if (piece.empty()) return;
    if (!parts.empty() && !parts.back().is_link) {
      parts.back().text += piece;
    } else {
      parts.push_back({std::string(piece), false});
    }
  };
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t scheme_length = 0;
    const std::size_t start = next_scheme(text, from, scheme_length);
    if (start == std::string_view::npos) break;
    std::size_t end = start + scheme_length;
    while (end < text.size() && url_char(text[end])) ++end;
    while (end > start + scheme_length && trailing_punctuation(text[end - 1])) --end;
    add_text(text.substr(from, start - from));
    if (end == start + scheme_length) {
      add_text(text.substr(start, scheme_length));  // "https://" alone is no link
    } else {
      parts.push_back({std::string(text.substr(start, end - start)), true});
    }
    from = end;
  }
  if (from < text.size()) add_text(text.substr(from));
  return parts;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string linkify_html(std::string_view text) {
  std::string html;
  for (const auto& part : link_parts(text)) {
    if (part.is_link) {
      const std::string url = html_escape(part.text);
      html += "<a href=\"" + url + "\" rel=\"noopener noreferrer\">" + url + "</a>";
    } else {
      html += html_escape(part.text);
    }
  }
  return html;
}

}  // namespace yoyaku::domain
