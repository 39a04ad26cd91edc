#pragma once
// The view builder of a reservation, shared by 予約一覧 / 予約詳細 and the
// JSON API's /reservations endpoints.
#include <nlohmann/json.hpp>

#include "services/public/reservations.hpp"

namespace yoyaku::web {

enum class ReservationDetail { summary, full };

// summary: {number, url, procedure{id, title}, status (as stored), attendance
//           (status with the clock: no_show_unannounced 10 minutes after an
//           unmarked start), status_text (of attendance), withdrawn,
//           applied_at, applied_text, slot{…}}
// full adds the person's fields, topics (labels), staff_note, withdrawal_reason,
// change_deadline(_text), can_modify, can_withdraw, same_day, history, office
// {name, phone (null when none)}, help_desk_phone and meeting (null until staff set
// it; the join details only from shortly before the start until the end).
nlohmann::json reservation_view(const services::ReservationView& reservation, ReservationDetail detail);

}  // namespace yoyaku::web
