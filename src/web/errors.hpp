#pragma once
// The one error mapper: any refusal — a service error with its stable code,
// a malformed request, a missing page — becomes the Japanese HTML error page
// or, under /api/, the JSON error body, with the status its kind calls for.
#include <string>

#include "services/common/errors.hpp"
#include "web/context.hpp"
#include "web/respond.hpp"

namespace yoyaku::web {

// The HTTP status of a service error's kind: 422, 404 or 409.
int status_of(services::ErrorKind kind);

Response error_response(RequestContext& ctx, int status, const std::string& code, const std::string& message,
                        const FieldErrors& fields = {});
Response service_error_response(RequestContext& ctx, const services::ServiceError& error);
Response request_error_response(RequestContext& ctx, const RequestError& error);
Response not_found(RequestContext& ctx);
// 405 with the methods the path answers.
Response method_not_allowed(RequestContext& ctx, const std::string& allow);

}  // namespace yoyaku::web
