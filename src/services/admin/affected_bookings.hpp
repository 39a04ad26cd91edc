#pragma once
// Confirmed bookings that an office's administrative change would strand — a
// closure over their day, a frame that no longer offers their time, fewer
// seats than are booked. Such a change never happens silently: the caller
// first gets the list, then decides explicitly to keep the bookings (they
// stay valid; the slot is simply not offered to anyone else) or to withdraw
// them with a reason, which mails each person as a staff 取下げ does.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "services/common/links.hpp"
#include "services/common/principal.hpp"
#include "services/identity/sessions.hpp"
#include "store/reservations.hpp"

namespace yoyaku::services {

struct AffectedBookingsChoice {
  enum class Kind { undecided, keep, withdraw };
  Kind kind = Kind::undecided;
  std::string reason;  // withdraw: the 取消事由 given to each person
};
// "keep" / "withdraw"; anything else is undecided.
AffectedBookingsChoice::Kind affected_choice_from(const std::string& code);

struct AffectedBooking {
  std::string number;
  std::string date;  // YYYY-MM-DD
  int start_minute = 0, end_minute = 0;
  std::string family_name, given_name;
  std::string procedure_title, facility_name, frame_name;
};

// The result of a change that may strand bookings: not applied while bookings
// are affected and no choice was made (then `affected` lists them).
struct AdministrativeChange {
  bool applied = false;
  std::int64_t id = 0;  // what the change created (a closure's id), when applied
  std::vector<AffectedBooking> affected;
  int withdrawn = 0;
};

// The office's confirmed bookings on [from, to] (interview dates) for which
// `strands` says yes. Read inside the caller's transaction; access was checked by the caller.
std::vector<store::ReservationRecord> stranded_bookings(
    db::Connection& c, std::int64_t office_id, const std::string& from, const std::string& to,
    const std::function<bool(const store::ReservationRecord&)>& strands);

std::vector<AffectedBooking> affected_list(const std::vector<store::ReservationRecord>& records);

// Decides the stranded bookings inside the change's transaction. Returns false
// (the caller rolls nothing forward) when some are stranded and the choice is
// undecided; throws ValidationError (field "withdrawal_reason") for a
// withdrawal without a usable reason. Withdrawals are audit-logged with `because`.
bool settle_stranded_bookings(db::Connection& c, const Principal& principal,
                              const std::vector<store::ReservationRecord>& stranded,
                              const AffectedBookingsChoice& choice, const std::string& because, const Links& links,
                              const Client& client, std::int64_t now, AdministrativeChange& outcome);

}  // namespace yoyaku::services
