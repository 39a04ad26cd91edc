#pragma once
// Errors a use case reports to its caller (CLI or web), with a message fit
// for the user. Field errors map a form field name to its Japanese message.
#include <map>
#include <stdexcept>
#include <string>

namespace yoyaku::services {

struct ValidationError : std::runtime_error {
  ValidationError(std::string message, std::map<std::string, std::string> fields)
      : std::runtime_error(std::move(message)), fields(std::move(fields)) {}
  std::map<std::string, std::string> fields;
};

struct ConflictError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct NotFoundError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace yoyaku::services
