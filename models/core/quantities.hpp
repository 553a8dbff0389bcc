#pragma once

// Physical and money quantities as the model uses them. Values are stored in one base unit
// each (bits/s, bytes, seconds, yen) so arithmetic across the model never converts.
namespace tsunagu {

struct BitRate {
  double bitsPerSecond = 0;
  double bytesPerSecond() const { return bitsPerSecond / 8.0; }
};

struct ByteSize {
  double bytes = 0;
};

struct Duration {
  double seconds = 0;
};

enum class MoneyPeriod { Once, Month, Year };

struct Money {
  double yen = 0;
  MoneyPeriod period = MoneyPeriod::Once;

  double perYear() const {
    switch (period) {
      case MoneyPeriod::Month:
        return yen * 12.0;
      case MoneyPeriod::Year:
        return yen;
      case MoneyPeriod::Once:
        break;
    }
    return 0.0;
  }
};

}  // namespace tsunagu
