#pragma once
// Errors a use case reports to its caller (web or CLI). Each carries a
// stable machine-readable code, a kind that web/ maps to an HTTP status in
// one place, and a Japanese message fit for the user; validation errors also
// map form field names to their messages.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace yoyaku::services {

enum class ErrorKind {
  invalid_input,  // the request can be corrected by the user (HTTP 422)
  not_found,      // no such thing, or not the caller's (HTTP 404, never 403)
  conflict,       // the state does not allow it now: full, lapsed, past a deadline (HTTP 409)
};

struct ServiceError : std::runtime_error {
  ServiceError(ErrorKind kind, std::string code, const std::string& message,
               std::map<std::string, std::string> fields = {})
      : std::runtime_error(message), kind(kind), code(std::move(code)), fields(std::move(fields)) {}
  ErrorKind kind;
  std::string code;  // snake_case, stable: the JSON API's "error"
  std::map<std::string, std::string> fields;
};

struct ValidationError : ServiceError {
  ValidationError(const std::string& message, std::map<std::string, std::string> fields)
      : ServiceError(ErrorKind::invalid_input, "validation_failed", message, std::move(fields)) {}
};

struct NotFoundError : ServiceError {
  explicit NotFoundError(const std::string& message) : ServiceError(ErrorKind::not_found, "not_found", message) {}
};

struct ConflictError : ServiceError {
  explicit ConflictError(const std::string& message, std::string code = "conflict")
      : ServiceError(ErrorKind::conflict, std::move(code), message) {}
};

// 「予約不可」: the seat is taken or the day does not take bookings.
struct SlotUnavailableError : ConflictError {
  explicit SlotUnavailableError(const std::string& message) : ConflictError(message, "slot_unavailable") {}
};

// The 60-minute hold is over (or was released). What the user typed is kept.
struct HoldLapsedError : ConflictError {
  HoldLapsedError(const std::string& message, std::int64_t procedure_id)
      : ConflictError(message, "hold_lapsed"), procedure_id(procedure_id) {}
  std::int64_t procedure_id;  // 0 when unknown
};

// Past the online deadline: "deadline_passed" (changes) or "same_day" (withdrawal on the day).
struct DeadlinePassedError : ConflictError {
  DeadlinePassedError(const std::string& message, std::string code) : ConflictError(message, std::move(code)) {}
};

}  // namespace yoyaku::services
