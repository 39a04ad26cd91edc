#pragma once
// The languages of the job seeker's side: Japanese (the manual's wording, the
// reference) and English. Staff pages are always Japanese.
#include <optional>
#include <string_view>

namespace yoyaku::domain {

enum class Language { ja, en };

// "ja" / "en".
std::string_view language_code(Language language);
// A code typed by a client ("ja", "en", any case); nullopt for anything else.
std::optional<Language> language_from_code(std::string_view code);
// The best of our languages for an Accept-Language header (RFC 9110 §12.5.4):
// the highest q among "ja", "en" and their subtags ("en-GB"); "*" means
// Japanese; q=0 refuses. Nothing acceptable, or no header: nullopt.
std::optional<Language> language_from_accept_header(std::string_view header);

}  // namespace yoyaku::domain
