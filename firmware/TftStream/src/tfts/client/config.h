// Library knobs, override-or-default: define them before including (or with -D) to change.
#ifndef TFTS_CLIENT_CONFIG_H
#define TFTS_CLIENT_CONFIG_H

// Rows of the widest rectangle decoded per sink call. More rows mean fewer, larger pushes to
// the panel; each row costs width * 2 bytes of the work buffer.
#ifndef TFTS_CLIENT_STRIP_ROWS
#define TFTS_CLIENT_STRIP_ROWS 8
#endif

#endif
