#pragma once
// Safe links in text that staff type (お知らせ, a procedure's 説明): the text
// stays plain text; only http:// and https:// addresses become links. Every
// other character — "<", "&", quotes, "javascript:" — is text, escaped when
// rendered, so nothing typed can add markup or a script.
#include <string>
#include <string_view>
#include <vector>

namespace yoyaku::domain {

struct TextPart {
  std::string text;  // plain text, or the address when is_link
  bool is_link = false;
  friend bool operator==(const TextPart&, const TextPart&) = default;
};

// The text cut into plain parts and links. A link starts at "http://" or
// "https://" (lower case, as typed) and runs over printable ASCII other than
// < > " ' ` and spaces; trailing . , ; : ! ? ) stay text. A scheme with no
// host after it stays text.
std::vector<TextPart> link_parts(std::string_view text);

// HTML of the text: escaped, with each link as
// <a href="…" rel="noopener noreferrer">…</a>.
std::string html_escape(std::string_view text);
std::string linkify_html(std::string_view text);

}  // namespace yoyaku::domain
