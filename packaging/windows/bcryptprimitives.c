/*
 * A stand-in bcryptprimitives.dll for running ccp.exe under Debian 12's wine 8.0, which does not
 * ship that DLL. Rust's std (since 1.78) imports ProcessPrng from it for all its randomness
 * (HashMap seeds, rand's OsRng), so without it the exe does not even load.
 *
 * Only for wine on the build machine (scripts/windows.sh puts it beside the exe in a temp dir):
 * Windows 10 and 11 have the real DLL, and this file is never shipped.
 *
 * ProcessPrng fills the buffer from the system CSPRNG and always returns TRUE. Wine's
 * advapi32 SystemFunction036 (RtlGenRandom) draws from the same source, so forwarding keeps the
 * randomness as good as the host's. RtlGenRandom takes a ULONG length, so the buffer goes in
 * chunks of at most 4 GiB - 1 bytes (std asks for small buffers; the loop costs nothing).
 */
#include <windows.h>

/* advapi32's RtlGenRandom, exported under this name; no header declares it for mingw. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0xFFFFFFFFu ? 0xFFFFFFFFu : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
