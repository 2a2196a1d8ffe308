#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    youcheng_fuzz::dataset_steps(data);
});
