#pragma once
// Mustache page templates, parsed once at start-up from the embedded files,
// once per language (util/messages.hpp).
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/language.hpp"

namespace yoyaku {

class Templates {
 public:
  // Parses every embedded templates/*.mustache; throws on a syntax error.
  Templates();
  ~Templates();
  Templates(const Templates&) = delete;
  Templates& operator=(const Templates&) = delete;

  bool has(const std::string& name) const;
  // Renders templates/<name>.mustache with `context` (a JSON object: strings,
  // numbers, booleans, arrays and objects map onto mustache data).
  // `language` picks the catalogue that filled the template's {{t.KEY}} messages.
  std::string render(const std::string& name, const nlohmann::json& context,
                     domain::Language language = domain::Language::ja) const;
  // Templates under mail/ are plain text: they are rendered without HTML escaping.
  // Renders the page, then the layout around it (the page becomes {{{content}}}).
  std::string render_page(const std::string& name, nlohmann::json context, const std::string& layout = "layout",
                          domain::Language language = domain::Language::ja) const;

  // Every embedded template, parsed once per process.
  static const Templates& embedded();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yoyaku
