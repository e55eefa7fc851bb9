/* bcryptprimitives.dll for Wine 8, which lacks it: Rust's standard library (1.78 and later)
 * asks this DLL for ProcessPrng to seed HashMap and other randomness, so every Rust program
 * fails to start under Wine 8 without it. Windows 10/11 have the real DLL; this shim is only
 * ever copied into the Wine prefix of scripts/check-windows.sh, never shipped.
 * ProcessPrng fills the buffer from RtlGenRandom (advapi32's SystemFunction036), which Wine
 * implements over the system's random source. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    /* RtlGenRandom takes a 32-bit length; ask in chunks so a large request is whole. */
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
