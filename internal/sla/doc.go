// Package sla is Deskline's SLA engine: business calendars, SLA policies, and
// the state of a ticket's SLA clocks computed from its own history.
//
// The package is pure. It reads no database, starts no goroutine and never
// calls time.Now: the caller passes the ticket's history and the instant to
// evaluate at, so the same input always gives the same answer on every
// workstation.
//
// # Calendars
//
// A [Calendar] holds a time zone, working windows per weekday (wall-clock
// times in that zone, several per day) and holidays. [BusinessDuration] and
// [AddBusiness] do arithmetic in its working time. Windows are wall-clock
// times, so on a daylight-saving day a 09:00–18:00 window still opens at 09:00
// local time; a window that spans the change is an hour shorter or longer.
// Both functions skip whole weeks and days arithmetically, so a target of
// months costs about as much as one of hours.
//
// # Clocks
//
// [Evaluate] replays a [Ticket]'s events under a [Policy] and returns two
// clocks, first response and resolution, each with a [State]:
//
//   - Both clocks start when the ticket is created.
//   - First response stops at the first [EventResponse] (staff recorded a
//     communication with the customer) or at the first move to waiting,
//     resolved or closed. It never pauses.
//   - Resolution counts while the ticket is open or in progress, pauses while
//     it is waiting for the customer and stops when it is resolved. Moving a
//     resolved ticket back to open, in progress or waiting resumes the clock
//     from where it stopped. Closed stops it for good: later events are ignored.
//   - A priority change re-targets a clock from the ticket's start under the
//     new priority. A clock that had already stopped keeps the target of the
//     priority it stopped under.
//   - A clock is breached once it is counting at an instant after its due
//     time, and met late when it stops after its due time.
//
// Durations are measured in the policy's [Mode]: working time of the calendar
// for [ModeBusiness], elapsed real time for [ModeCalendar]. No duration is
// ever negative, even when the history lies in the future of the evaluation
// instant (a workstation with a skewed clock).
package sla
