namespace SensorNode.Core.Numerics
{
    /// <summary>
    /// Proleptic Gregorian calendar dates and days since 1970-01-01, integer only (nanoFramework has DateTime, but the
    /// core keeps wire and register formats in plain integers). The classic days-from-civil algorithm by eras of 400 years.
    /// </summary>
    public static class CivilDate
    {
        /// <summary>Days from 1970-01-01 to <paramref name="year"/>-<paramref name="month"/>-<paramref name="day"/> (month 1-12, day 1-31; not range-checked).</summary>
        public static long DaysFromCivil(int year, int month, int day)
        {
            long y = month <= 2 ? year - 1 : year;
            long era = (y >= 0 ? y : y - 399) / 400;
            long yearOfEra = y - era * 400;
            long monthFromMarch = month > 2 ? month - 3 : month + 9;
            long dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
            long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146097 + dayOfEra - 719468;
        }

        /// <summary>The date of day <paramref name="days"/> since 1970-01-01 (the inverse of <see cref="DaysFromCivil"/>).</summary>
        public static void CivilFromDays(long days, out int year, out int month, out int day)
        {
            long z = days + 719468;
            long era = (z >= 0 ? z : z - 146096) / 146097;
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long monthFromMarch = (5 * dayOfYear + 2) / 153;
            day = (int)(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
            month = (int)(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
            year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        }

        /// <summary>Day of the week 0-6 (0 = Sunday) of day <paramref name="days"/> since 1970-01-01 (a Thursday).</summary>
        public static int Weekday(long days)
        {
            long w = (days + 4) % 7;
            return (int)(w < 0 ? w + 7 : w);
        }
    }
}
