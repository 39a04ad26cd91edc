#pragma once
// 予約枠 (reservation frames) as an office's managers create and edit them:
// weekdays, first and last start, interval, slot length, seats per slot. For
// anyone without the 管理 right at the frame's office the frame does not
// exist (NotFoundError), checked in the query's scope.
//
// An edit never strands a booking silently. The confirmed bookings from
// today on (JST) that the edited frame would no longer hold are "affected":
//  - their weekday is no longer among the frame's weekdays;
//  - their start time is no longer among the frame's starts;
//  - their slot would end at another time (the slot length changed): a
//    booking keeps the time it was made for, so a length change affects
//    every future booking of the frame;
//  - the frame moves to another facility (the place of the booking changes);
//  - their slot holds more bookings than the new seat count: the most
//    recently applied ones beyond the new count.
// While some are affected and no choice is made, nothing is written and the
// result lists them (AdministrativeChange, as closures do). "keep": the
// change applies and the bookings stay as they are (their slot keeps its time
// and is not offered to anyone else); "withdraw" (with a reason): each is
// withdrawn and mailed. Slot rows from today on follow the new frame: seats
// become max(new seats, taken) — never below what is taken — and slots the
// frame no longer offers take nobody new (capacity = taken); live holds on
// them are released, so such a 仮押さえ cannot become a booking afterwards.
#include <cstdint>
#include <string>

#include "db/database.hpp"
#include "domain/frame_rules.hpp"
#include "services/admin/affected_bookings.hpp"
#include "services/common/links.hpp"
#include "services/common/principal.hpp"
#include "services/identity/sessions.hpp"
#include "store/catalog.hpp"

namespace yoyaku::services {

struct FrameForm {
  std::int64_t procedure_id = 0;  // fixed once created (bookings belong to the procedure)
  std::int64_t facility_id = 0;
  domain::FrameInput input;
  AffectedBookingsChoice bookings;
};

struct ManagedFrame {
  store::ReservationFrame frame;
  store::Office office;
  store::Procedure procedure;
  store::Facility facility;
};

// Throws NotFoundError unless the principal may manage the frame's office.
ManagedFrame managed_frame(db::Connection& c, const Principal& principal, std::int64_t frame_id);

// Adds a frame to one of the office's procedures. Throws ValidationError, NotFoundError.
std::int64_t create_frame(db::Connection& c, const Principal& principal, const std::string& office_code,
                          const FrameForm& form, const Client& client, std::int64_t now);

// Edits the frame (its procedure stays). Not applied while bookings are
// affected and `form.bookings` is undecided. Throws ValidationError, NotFoundError.
AdministrativeChange update_frame(db::Connection& c, const Principal& principal, std::int64_t frame_id,
                                  const FrameForm& form, const Links& links, const Client& client,
                                  std::int64_t now);

}  // namespace yoyaku::services
