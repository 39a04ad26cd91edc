#include "services/admin/affected_bookings.hpp"

#include "domain/forms.hpp"
#include "services/common/errors.hpp"
#include "services/public/booking_internal.hpp"
#include "store/audit.hpp"

namespace yoyaku::services {

AffectedBookingsChoice::Kind affected_choice_from(const std::string& code) {
  if (code == "keep") return AffectedBookingsChoice::Kind::keep;
  if (code == "withdraw") return AffectedBookingsChoice::Kind::withdraw;
  return AffectedBookingsChoice::Kind::undecided;
}

std::vector<store::ReservationRecord> stranded_bookings(
    db::Connection& c, std::int64_t office_id, const std::string& from, const std::string& to,
    const std::function<bool(const store::ReservationRecord&)>& strands) {
  store::OfficeReservationFilter filter;
  filter.scope = store::AccessScope::administrator();
  filter.office_id = office_id;
  filter.from_date = from;
  filter.to_date = to;
  filter.include_withdrawn = false;
  filter.limit = 100000;  // every one: none may be stranded unseen
  std::vector<store::ReservationRecord> stranded;
  for (auto& record : store::find_office_reservations(c, filter)) {
    if (record.reservation.status == "confirmed" && strands(record)) stranded.push_back(std::move(record));
  }
  return stranded;
}

std::vector<AffectedBooking> affected_list(const std::vector<store::ReservationRecord>& records) {
  std::vector<AffectedBooking> list;
  for (const auto& r : records) {
    list.push_back({r.reservation.number, r.at.slot.date, r.at.slot.start_minute, r.at.slot.end_minute,
                    r.reservation.family_name, r.reservation.given_name, r.procedure.title, r.at.facility.name,
                    r.at.frame.name});
  }
  return list;
}

bool settle_stranded_bookings(db::Connection& c, const Principal& principal,
                              const std::vector<store::ReservationRecord>& stranded,
                              const AffectedBookingsChoice& choice, const std::string& because, const Links& links,
                              const Client& client, std::int64_t now, AdministrativeChange& outcome) {
  outcome.affected = affected_list(stranded);
  if (stranded.empty() || choice.kind == AffectedBookingsChoice::Kind::keep) return true;
  if (choice.kind == AffectedBookingsChoice::Kind::undecided) return false;
  auto checked = domain::check_withdrawal_reason(choice.reason);
  if (!checked.error.empty()) {
    throw ValidationError("入力内容に誤りがあります。",
                          {{"withdrawal_reason", checked.characters == 0 ? "取下げの理由を入力してください。"
                                                                         : checked.error}});
  }
  for (const auto& record : stranded) {
    if (!withdraw_booking(c, record, checked.clean, actor_of(principal), checked.clean, links, now)) continue;
    ++outcome.withdrawn;
    store::append_audit(c, {now, "staff", principal.id, "staff.reservation_withdrawn", "reservation",
                            record.reservation.number, record.office.id, client.ip, because});
  }
  return true;
}

}  // namespace yoyaku::services
