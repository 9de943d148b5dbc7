#ifndef XINDESK_CSODIUM_SHIM_H
#define XINDESK_CSODIUM_SHIM_H
#include <sodium.h>
#endif
