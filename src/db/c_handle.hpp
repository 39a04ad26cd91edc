#pragma once
// A C library's handle owned by a unique_ptr that frees it with the library's
// own function: CHandle<sqlite3, sqlite3_close_v2>.
#include <memory>

namespace yoyaku::db {

template <auto free_function>
struct CFree {
  template <typename T>
  void operator()(T* handle) const {
    free_function(handle);
  }
};

template <typename T, auto free_function>
using CHandle = std::unique_ptr<T, CFree<free_function>>;

}  // namespace yoyaku::db
