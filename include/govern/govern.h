/* govern: the whole public API of libgovern. */
#ifndef GOVERN_GOVERN_H
#define GOVERN_GOVERN_H

#include "action.h"
#include "args.h"
#include "buf.h"
#include "cache.h"
#include "check.h"
#include "date.h"
#include "doc.h"
#include "error.h"
#include "history.h"
#include "meeting.h"
#include "minutes.h"
#include "model.h"
#include "names.h"
#include "ops.h"
#include "outdir.h"
#include "output.h"
#include "plugin.h"
#include "public.h"
#include "records.h"
#include "render.h"
#include "store.h"

#endif
