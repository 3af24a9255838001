# Toolchain file: bare-metal rv32imc (the ESP32-C3 ISA) with Debian's gcc-riscv64-unknown-elf
# and picolibc, for programs run under qemu-system-riscv32 -M virt with semihosting.
# See /work/shared/docs/device-toolchain.md (§1) for why each setting is what it is.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_CXX_COMPILER riscv64-unknown-elf-g++)
# Test programs cannot link without our crt/memory flags; static libraries need neither.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Keep -march the plain string: "rv32imc_zicsr" falls back to the rv64 multilib and fails to
# link. picolibc.specs is needed at compile time too, for <string.h> and <stdio.h>.
set(TFTS_RV32_FLAGS "-march=rv32imc -mabi=ilp32 --specs=picolibc.specs -ffunction-sections -fdata-sections")
set(CMAKE_C_FLAGS_INIT "${TFTS_RV32_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${TFTS_RV32_FLAGS} -ffreestanding -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-asynchronous-unwind-tables")

# There is no libstdc++ for this target: g++ would add -lstdc++, so link with the C driver.
set(CMAKE_CXX_LINK_EXECUTABLE
    "<CMAKE_C_COMPILER> <FLAGS> <CMAKE_CXX_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES>")
# picolibc's default (size) build has a byte-at-a-time memcpy (6 instructions per byte); the
# "release" build has the word-copying one, which is closer to the ESP32-C3 ROM memcpy.
# Memory map: qemu 'virt' RAM starts at 0x80000000; code first, then 1 MiB of data.
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "--picolibc-buildtype=release --crt0=semihost --oslib=semihost -Wl,--defsym=__flash=0x80000000 -Wl,--defsym=__flash_size=0x100000 -Wl,--defsym=__ram=0x80100000 -Wl,--defsym=__ram_size=0x100000")
