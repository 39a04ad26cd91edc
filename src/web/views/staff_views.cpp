#include "web/views/staff_views.hpp"

namespace yoyaku::web {

nlohmann::json office_view(const services::Office& office) {
  return {{"code", office.code},
          {"name", office.name},
          {"prefecture", office.pref_name},
          {"phone", office.phone},
          {"url", "/staff/offices/" + office.code}};
}

}  // namespace yoyaku::web
