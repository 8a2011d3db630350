// A ColumnSource over plain columns for expression tests: name -> Column.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "parallax/expr/expression.h"
#include "parallax/view/column_source.h"

namespace parallax::expr_test {

class MapSource final : public ColumnSource {
 public:
  void add(const std::string& name, DType type, bool wide = false) {
    fields_[name] = Field{name, type, wide};
    cols_[name] = std::make_shared<Column>(type, wide);
  }
  Column& col(const std::string& name) { return *cols_.at(name); }
  const Field* field(std::string_view name) const override {
    auto it = fields_.find(std::string(name));
    return it == fields_.end() ? nullptr : &it->second;
  }
  const Column& column(std::string_view name) const override { return *cols_.at(std::string(name)); }
  expr::FieldLookup lookup() const {
    return [this](std::string_view n) { return field(n); };
  }

 private:
  std::map<std::string, Field> fields_;
  std::map<std::string, std::shared_ptr<Column>> cols_;
};

}  // namespace parallax::expr_test
