;; The filter gradient of a 2-D convolution in wasm SIMD, straight from the NHWC input and
;; output gradient (no im2col buffer): dw[kh, kw, ci, co] = sum over n, oh, ow of
;; x[n, oh*sH + kh*dH - pT, ow*sW + kw*dW - pL, ci] * dy[n, oh, ow, co], out-of-image taps
;; skipped. Each output tile (one kh, kw, 4 input channels or 1 in the tail, 8 output channels)
;; lives in registers while the rows of a block stream by; blocks of output rows are small
;; enough to stay in the core's cache for every tile. Every output element is summed by one
;; call, over n, oh, ow in order, so the result does not depend on how tiles are split.
;; Offsets are in bytes. The build puts the memory import (shared or not) in place of @memory.
(module
  @memory
  (func (export "filterGrad")
    (param $x i32) (param $dy i32) (param $dw i32)
    (param $N i32) (param $H i32) (param $W i32) (param $Cin i32)
    (param $OH i32) (param $OW i32) (param $Cout i32)
    (param $FW i32) (param $sH i32) (param $sW i32) (param $dH i32) (param $dW i32)
    (param $pT i32) (param $pL i32) (param $ohBlock i32)
    (param $t0 i32) (param $t1 i32)
    (local $wide i32) (local $ciTiles i32) (local $coTiles i32)
    (local $n i32) (local $oh0 i32) (local $oh1 i32) (local $t i32) (local $r i32)
    (local $kh i32) (local $kw i32) (local $ci i32) (local $co i32) (local $narrow i32)
    (local $owLo i32) (local $owHi i32) (local $num i32) (local $oh i32) (local $ih i32)
    (local $xp i32) (local $dyp i32) (local $k i32) (local $xStep i32) (local $dyStep i32)
    (local $wp i32) (local $rowBytes i32) (local $zero i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $d0 v128) (local $d1 v128) (local $s v128)
    (local.set $wide (i32.shr_u (local.get $Cin) (i32.const 2)))
    (local.set $ciTiles (i32.add (local.get $wide) (i32.and (local.get $Cin) (i32.const 3))))
    (local.set $coTiles (i32.shr_u (local.get $Cout) (i32.const 3)))
    (local.set $xStep (i32.shl (i32.mul (local.get $sW) (local.get $Cin)) (i32.const 2)))
    (local.set $dyStep (i32.shl (local.get $Cout) (i32.const 2)))
    (local.set $rowBytes (i32.shl (local.get $Cout) (i32.const 2)))
    (local.set $n (i32.const 0))
    (block $images_done (loop $images
      (br_if $images_done (i32.ge_u (local.get $n) (local.get $N)))
      (local.set $oh0 (i32.const 0))
      (block $blocks_done (loop $blocks
        (br_if $blocks_done (i32.ge_u (local.get $oh0) (local.get $OH)))
        (local.set $oh1 (i32.add (local.get $oh0) (local.get $ohBlock)))
        (if (i32.gt_u (local.get $oh1) (local.get $OH)) (then (local.set $oh1 (local.get $OH))))
        (local.set $zero (i32.eqz (i32.or (local.get $n) (local.get $oh0))))
        (local.set $t (local.get $t0))
        (block $tiles_done (loop $tiles
          (br_if $tiles_done (i32.ge_u (local.get $t) (local.get $t1)))
          ;; t = ((kh * FW + kw) * ciTiles + c) * coTiles + coTile
          (local.set $co (i32.shl (i32.rem_u (local.get $t) (local.get $coTiles)) (i32.const 3)))
          (local.set $r (i32.div_u (local.get $t) (local.get $coTiles)))
          (local.set $ci (i32.rem_u (local.get $r) (local.get $ciTiles)))
          (local.set $r (i32.div_u (local.get $r) (local.get $ciTiles)))
          (local.set $kw (i32.rem_u (local.get $r) (local.get $FW)))
          (local.set $kh (i32.div_u (local.get $r) (local.get $FW)))
          (local.set $narrow (i32.ge_u (local.get $ci) (local.get $wide)))
          (if (local.get $narrow)
            (then (local.set $ci (i32.add (i32.shl (local.get $wide) (i32.const 2)) (i32.sub (local.get $ci) (local.get $wide)))))
            (else (local.set $ci (i32.shl (local.get $ci) (i32.const 2)))))
          ;; Output columns whose input column is inside the image: owLo <= ow < owHi.
          (local.set $num (i32.sub (local.get $pL) (i32.mul (local.get $kw) (local.get $dW))))
          (local.set $owLo (i32.const 0))
          (if (i32.gt_s (local.get $num) (i32.const 0))
            (then (local.set $owLo (i32.div_u (i32.add (local.get $num) (i32.sub (local.get $sW) (i32.const 1))) (local.get $sW)))))
          (local.set $num (i32.add (local.get $num) (i32.sub (local.get $W) (i32.const 1))))
          (local.set $owHi (i32.const 0))
          (if (i32.ge_s (local.get $num) (i32.const 0))
            (then (local.set $owHi (i32.add (i32.div_u (local.get $num) (local.get $sW)) (i32.const 1)))))
          (if (i32.gt_s (local.get $owHi) (local.get $OW)) (then (local.set $owHi (local.get $OW))))
          (local.set $wp (i32.add (local.get $dw) (i32.shl
            (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $kh) (local.get $FW)) (local.get $kw)) (local.get $Cin)) (local.get $ci)) (local.get $Cout)) (local.get $co))
            (i32.const 2))))
          ;; The tile's accumulators: zero for the first block, else what earlier blocks summed.
          (if (local.get $zero)
            (then
              (local.set $a0 (v128.const i32x4 0 0 0 0)) (local.set $a1 (v128.const i32x4 0 0 0 0))
              (local.set $a2 (v128.const i32x4 0 0 0 0)) (local.set $a3 (v128.const i32x4 0 0 0 0))
              (local.set $a4 (v128.const i32x4 0 0 0 0)) (local.set $a5 (v128.const i32x4 0 0 0 0))
              (local.set $a6 (v128.const i32x4 0 0 0 0)) (local.set $a7 (v128.const i32x4 0 0 0 0)))
            (else
              (local.set $a0 (v128.load (local.get $wp)))
              (local.set $a1 (v128.load offset=16 (local.get $wp)))
              (if (i32.eqz (local.get $narrow)) (then
                (local.set $a2 (v128.load (i32.add (local.get $wp) (local.get $rowBytes))))
                (local.set $a3 (v128.load offset=16 (i32.add (local.get $wp) (local.get $rowBytes))))
                (local.set $a4 (v128.load (i32.add (local.get $wp) (i32.shl (local.get $rowBytes) (i32.const 1)))))
                (local.set $a5 (v128.load offset=16 (i32.add (local.get $wp) (i32.shl (local.get $rowBytes) (i32.const 1)))))
                (local.set $a6 (v128.load (i32.add (local.get $wp) (i32.mul (local.get $rowBytes) (i32.const 3)))))
                (local.set $a7 (v128.load offset=16 (i32.add (local.get $wp) (i32.mul (local.get $rowBytes) (i32.const 3)))))))))
          (if (i32.gt_s (local.get $owHi) (local.get $owLo)) (then
            (local.set $oh (local.get $oh0))
            (block $rows_done (loop $rows
              (br_if $rows_done (i32.ge_u (local.get $oh) (local.get $oh1)))
              (local.set $ih (i32.sub (i32.add (i32.mul (local.get $oh) (local.get $sH)) (i32.mul (local.get $kh) (local.get $dH))) (local.get $pT)))
              ;; Unsigned: a negative ih is out of the image too.
              (if (i32.lt_u (local.get $ih) (local.get $H)) (then
                (local.set $xp (i32.add (local.get $x) (i32.shl
                  (i32.add (i32.mul
                    (i32.sub (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H)) (local.get $ih)) (local.get $W))
                      (i32.add (i32.mul (local.get $owLo) (local.get $sW)) (i32.mul (local.get $kw) (local.get $dW)))) (local.get $pL))
                    (local.get $Cin)) (local.get $ci))
                  (i32.const 2))))
                (local.set $dyp (i32.add (local.get $dy) (i32.shl
                  (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $OH)) (local.get $oh)) (local.get $OW)) (local.get $owLo)) (local.get $Cout)) (local.get $co))
                  (i32.const 2))))
                (local.set $k (i32.sub (local.get $owHi) (local.get $owLo)))
                (if (local.get $narrow)
                  (then (loop $narrow_cols
                    (local.set $s (v128.load32_splat (local.get $xp)))
                    (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (v128.load (local.get $dyp)))))
                    (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $dyp)))))
                    (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
                    (local.set $dyp (i32.add (local.get $dyp) (local.get $dyStep)))
                    (br_if $narrow_cols (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))
                  (else (loop $cols
                    (local.set $d0 (v128.load (local.get $dyp)))
                    (local.set $d1 (v128.load offset=16 (local.get $dyp)))
                    ;; Broadcast loads, not shuffles of one load: they use load ports, not FP pipes.
                    (local.set $s (v128.load32_splat (local.get $xp)))
                    (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (local.get $d0))))
                    (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (local.get $d1))))
                    (local.set $s (v128.load32_splat offset=4 (local.get $xp)))
                    (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (local.get $d0))))
                    (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (local.get $d1))))
                    (local.set $s (v128.load32_splat offset=8 (local.get $xp)))
                    (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $s) (local.get $d0))))
                    (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $s) (local.get $d1))))
                    (local.set $s (v128.load32_splat offset=12 (local.get $xp)))
                    (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $s) (local.get $d0))))
                    (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $s) (local.get $d1))))
                    (local.set $xp (i32.add (local.get $xp) (local.get $xStep)))
                    (local.set $dyp (i32.add (local.get $dyp) (local.get $dyStep)))
                    (br_if $cols (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))))
              (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
              (br $rows)))))
          (v128.store (local.get $wp) (local.get $a0))
          (v128.store offset=16 (local.get $wp) (local.get $a1))
          (if (i32.eqz (local.get $narrow)) (then
            (v128.store (i32.add (local.get $wp) (local.get $rowBytes)) (local.get $a2))
            (v128.store offset=16 (i32.add (local.get $wp) (local.get $rowBytes)) (local.get $a3))
            (v128.store (i32.add (local.get $wp) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $a4))
            (v128.store offset=16 (i32.add (local.get $wp) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $a5))
            (v128.store (i32.add (local.get $wp) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $a6))
            (v128.store offset=16 (i32.add (local.get $wp) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $a7))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br $tiles)))
        (local.set $oh0 (local.get $oh1))
        (br $blocks)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $images)))
  )

  ;; Per-column float64 sums of blocks of rows of a [rows, cols] float32 matrix, or of its
  ;; elementwise product with b when hasB: for blocks [b0, b1) of blockRows rows, the sums of
  ;; block k go to partials[k * cols + c] (float64s). Each column is summed over its rows in
  ;; order, one float64 addition a row, the product taken in float64 (exact for two floats):
  ;; the same bits as a scalar float64 loop. Eight columns a pass, the rest one by one.
  (func (export "columnSums")
    (param $a i32) (param $b i32) (param $hasB i32) (param $rows i32) (param $cols i32)
    (param $blockRows i32) (param $partials i32) (param $b0 i32) (param $b1 i32)
    (local $block i32) (local $r0 i32) (local $count i32) (local $c i32) (local $p i32)
    (local $ap i32) (local $bp i32) (local $k i32) (local $rowBytes i32) (local $sum f64)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $v v128) (local $w v128) (local $u v128) (local $t v128)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $block (local.get $b0))
    (block $blocks_done (loop $blocks
      (br_if $blocks_done (i32.ge_u (local.get $block) (local.get $b1)))
      (local.set $r0 (i32.mul (local.get $block) (local.get $blockRows)))
      (local.set $count (i32.sub (local.get $rows) (local.get $r0)))
      (if (i32.gt_u (local.get $count) (local.get $blockRows)) (then (local.set $count (local.get $blockRows))))
      (local.set $p (i32.add (local.get $partials) (i32.shl (i32.mul (local.get $block) (local.get $cols)) (i32.const 3))))
      (local.set $c (i32.const 0))
      (block $groups_done (loop $groups
        (br_if $groups_done (i32.gt_u (i32.add (local.get $c) (i32.const 8)) (local.get $cols)))
        (local.set $ap (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $r0) (local.get $cols)) (local.get $c)) (i32.const 2))))
        (local.set $bp (i32.add (local.get $b) (i32.shl (i32.add (i32.mul (local.get $r0) (local.get $cols)) (local.get $c)) (i32.const 2))))
        (local.set $s0 (v128.const i64x2 0 0)) (local.set $s1 (v128.const i64x2 0 0))
        (local.set $s2 (v128.const i64x2 0 0)) (local.set $s3 (v128.const i64x2 0 0))
        (local.set $k (local.get $count))
        (if (i32.gt_u (local.get $k) (i32.const 0)) (then
          (if (local.get $hasB)
            (then (loop $product_rows
              (local.set $v (v128.load (local.get $ap)))
              (local.set $w (v128.load (local.get $bp)))
              (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (f64x2.promote_low_f32x4 (local.get $w)))))
              (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul
                (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v)))
                (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $w) (local.get $w))))))
              (local.set $u (v128.load offset=16 (local.get $ap)))
              (local.set $t (v128.load offset=16 (local.get $bp)))
              (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $u)) (f64x2.promote_low_f32x4 (local.get $t)))))
              (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul
                (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $u) (local.get $u)))
                (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $t) (local.get $t))))))
              (local.set $ap (i32.add (local.get $ap) (local.get $rowBytes)))
              (local.set $bp (i32.add (local.get $bp) (local.get $rowBytes)))
              (br_if $product_rows (local.tee $k (i32.sub (local.get $k) (i32.const 1))))))
            (else (loop $plain_rows
              (local.set $v (v128.load (local.get $ap)))
              (local.set $u (v128.load offset=16 (local.get $ap)))
              (local.set $s0 (f64x2.add (local.get $s0) (f64x2.promote_low_f32x4 (local.get $v))))
              (local.set $s1 (f64x2.add (local.get $s1) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v)))))
              (local.set $s2 (f64x2.add (local.get $s2) (f64x2.promote_low_f32x4 (local.get $u))))
              (local.set $s3 (f64x2.add (local.get $s3) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $u) (local.get $u)))))
              (local.set $ap (i32.add (local.get $ap) (local.get $rowBytes)))
              (br_if $plain_rows (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))))
        (v128.store (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3))) (local.get $s0))
        (v128.store offset=16 (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3))) (local.get $s1))
        (v128.store offset=32 (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3))) (local.get $s2))
        (v128.store offset=48 (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3))) (local.get $s3))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (br $groups)))
      ;; The columns after the last group of eight.
      (block $tail_done (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $c) (local.get $cols)))
        (local.set $ap (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $r0) (local.get $cols)) (local.get $c)) (i32.const 2))))
        (local.set $bp (i32.add (local.get $b) (i32.shl (i32.add (i32.mul (local.get $r0) (local.get $cols)) (local.get $c)) (i32.const 2))))
        (local.set $sum (f64.const 0))
        (local.set $k (local.get $count))
        (block $column_done (loop $column
          (br_if $column_done (i32.eqz (local.get $k)))
          (if (local.get $hasB)
            (then (local.set $sum (f64.add (local.get $sum) (f64.mul
              (f64.promote_f32 (f32.load (local.get $ap))) (f64.promote_f32 (f32.load (local.get $bp)))))))
            (else (local.set $sum (f64.add (local.get $sum) (f64.promote_f32 (f32.load (local.get $ap)))))))
          (local.set $ap (i32.add (local.get $ap) (local.get $rowBytes)))
          (local.set $bp (i32.add (local.get $bp) (local.get $rowBytes)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $column)))
        (f64.store (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3))) (local.get $sum))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $tail)))
      (local.set $block (i32.add (local.get $block) (i32.const 1)))
      (br $blocks)))
  )

  ;; out[i] = v[i] * (x[i] > 0 ? 1 : slope) for i in [i0, i1): LeakyReLU with v = x, its
  ;; gradient with v = dy. The product is taken in float64 and rounded once, as the cpu
  ;; backend's float64 slope gives it; x > 0 is false for NaN and -0, as in JS.
  (func (export "leakyRelu")
    (param $x i32) (param $v i32) (param $out i32) (param $slope f64) (param $i0 i32) (param $i1 i32)
    (local $i i32) (local $at i32) (local $xv v128) (local $vv v128) (local $sl v128) (local $scaled v128)
    (local.set $sl (f64x2.splat (local.get $slope)))
    (local.set $i (local.get $i0))
    (block $vectors_done (loop $vectors
      (br_if $vectors_done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $i1)))
      (local.set $at (i32.shl (local.get $i) (i32.const 2)))
      (local.set $xv (v128.load (i32.add (local.get $x) (local.get $at))))
      (local.set $vv (v128.load (i32.add (local.get $v) (local.get $at))))
      (local.set $scaled (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.promote_low_f32x4 (local.get $vv)) (local.get $sl)))
        (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.promote_low_f32x4
          (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $vv) (local.get $vv))) (local.get $sl)))))
      (v128.store (i32.add (local.get $out) (local.get $at))
        (v128.bitselect (local.get $vv) (local.get $scaled) (f32x4.gt (local.get $xv) (v128.const f32x4 0 0 0 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $vectors)))
    (block $tail_done (loop $tail
      (br_if $tail_done (i32.ge_u (local.get $i) (local.get $i1)))
      (local.set $at (i32.shl (local.get $i) (i32.const 2)))
      (f32.store (i32.add (local.get $out) (local.get $at))
        (select
          (f32.load (i32.add (local.get $v) (local.get $at)))
          (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $v) (local.get $at)))) (local.get $slope)))
          (f32.gt (f32.load (i32.add (local.get $x) (local.get $at))) (f32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $tail)))
  )

  ;; Inference BatchNorm for rows [r0, r1) of a [rows, cols] float32 matrix, as the cpu backend
  ;; computes it: offset + (x - mean) * scale / sqrt(variance + epsilon) in float64, rounded
  ;; once. params holds cols float64s each of the means, scales, offsets and square roots.
  ;; Four columns a step (two float64 pairs), the rest one by one: the same bits either way.
  (func (export "batchNormInference")
    (param $x i32) (param $out i32) (param $cols i32) (param $params i32) (param $r0 i32) (param $r1 i32)
    (local $r i32) (local $c i32) (local $xp i32) (local $op i32) (local $pp i32) (local $colBytes i32)
    (local $xv v128) (local $lo v128) (local $hi v128) (local $v f64)
    (local.set $colBytes (i32.shl (local.get $cols) (i32.const 3)))
    (local.set $r (local.get $r0))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $r1)))
      (local.set $xp (i32.add (local.get $x) (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2))))
      (local.set $op (i32.add (local.get $out) (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2))))
      (local.set $pp (local.get $params))
      (local.set $c (i32.const 0))
      (block $quads_done (loop $quads
        (br_if $quads_done (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $cols)))
        (local.set $xv (v128.load (local.get $xp)))
        (local.set $lo (f64x2.add
          (v128.load (i32.add (local.get $pp) (i32.shl (local.get $colBytes) (i32.const 1))))
          (f64x2.div
            (f64x2.mul (f64x2.sub (f64x2.promote_low_f32x4 (local.get $xv)) (v128.load (local.get $pp)))
              (v128.load (i32.add (local.get $pp) (local.get $colBytes))))
            (v128.load (i32.add (local.get $pp) (i32.mul (local.get $colBytes) (i32.const 3)))))))
        (local.set $hi (f64x2.add
          (v128.load offset=16 (i32.add (local.get $pp) (i32.shl (local.get $colBytes) (i32.const 1))))
          (f64x2.div
            (f64x2.mul
              (f64x2.sub
                (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $xv) (local.get $xv)))
                (v128.load offset=16 (local.get $pp)))
              (v128.load offset=16 (i32.add (local.get $pp) (local.get $colBytes))))
            (v128.load offset=16 (i32.add (local.get $pp) (i32.mul (local.get $colBytes) (i32.const 3)))))))
        (v128.store (local.get $op) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi))))
        (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
        (local.set $op (i32.add (local.get $op) (i32.const 16)))
        (local.set $pp (i32.add (local.get $pp) (i32.const 32)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $quads)))
      (block $tail_done (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $c) (local.get $cols)))
        (local.set $v (f64.add
          (f64.load (i32.add (local.get $pp) (i32.shl (local.get $colBytes) (i32.const 1))))
          (f64.div
            (f64.mul (f64.sub (f64.promote_f32 (f32.load (local.get $xp))) (f64.load (local.get $pp)))
              (f64.load (i32.add (local.get $pp) (local.get $colBytes))))
            (f64.load (i32.add (local.get $pp) (i32.mul (local.get $colBytes) (i32.const 3)))))))
        (f32.store (local.get $op) (f32.demote_f64 (local.get $v)))
        (local.set $xp (i32.add (local.get $xp) (i32.const 4)))
        (local.set $op (i32.add (local.get $op) (i32.const 4)))
        (local.set $pp (i32.add (local.get $pp) (i32.const 8)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $tail)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
  )

  ;; out[r, c] = (x[r, c] - sub[c]) * mul[c] + add[c] for rows [r0, r1), each operation rounded
  ;; to float32 in that order as three elementwise ops would: BatchNorm's normalize and scale
  ;; in one pass. sub = 0, mul = 1 or add = -0 leave a value's bits as they are.
  (func (export "channelAffine")
    (param $x i32) (param $sub i32) (param $mul i32) (param $add i32) (param $out i32) (param $cols i32) (param $r0 i32) (param $r1 i32)
    (local $r i32) (local $c i32) (local $rowOff i32) (local $cp i32) (local $xp i32) (local $op i32)
    (local.set $r (local.get $r0))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $r1)))
      (local.set $rowOff (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2)))
      (local.set $xp (i32.add (local.get $x) (local.get $rowOff)))
      (local.set $op (i32.add (local.get $out) (local.get $rowOff)))
      (local.set $cp (i32.const 0))
      (local.set $c (i32.const 0))
      (block $quads_done (loop $quads
        (br_if $quads_done (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $cols)))
        (v128.store (local.get $op) (f32x4.add (f32x4.mul (f32x4.sub (v128.load (local.get $xp)) (v128.load (i32.add (local.get $sub) (local.get $cp)))) (v128.load (i32.add (local.get $mul) (local.get $cp)))) (v128.load (i32.add (local.get $add) (local.get $cp)))))
        (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
        (local.set $op (i32.add (local.get $op) (i32.const 16)))
        (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $quads)))
      (block $tail_done (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $c) (local.get $cols)))
        (f32.store (local.get $op) (f32.add (f32.mul (f32.sub (f32.load (local.get $xp)) (f32.load (i32.add (local.get $sub) (local.get $cp)))) (f32.load (i32.add (local.get $mul) (local.get $cp)))) (f32.load (i32.add (local.get $add) (local.get $cp)))))
        (local.set $xp (i32.add (local.get $xp) (i32.const 4)))
        (local.set $op (i32.add (local.get $op) (i32.const 4)))
        (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $tail)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
  )

  ;; BatchNorm's input gradient for rows [r0, r1): out = ((dy - meanDy[c]) - xh * meanDyXh[c]) * scale[c],
  ;; rounded to float32 after every operation in that order, as the elementwise ops do.
  (func (export "batchNormDx")
    (param $dy i32) (param $xh i32) (param $meanDy i32) (param $meanDyXh i32) (param $scale i32) (param $out i32) (param $cols i32) (param $r0 i32) (param $r1 i32)
    (local $r i32) (local $c i32) (local $rowOff i32) (local $cp i32) (local $dyp i32) (local $xhp i32) (local $op i32)
    (local.set $r (local.get $r0))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $r1)))
      (local.set $rowOff (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2)))
      (local.set $dyp (i32.add (local.get $dy) (local.get $rowOff)))
      (local.set $xhp (i32.add (local.get $xh) (local.get $rowOff)))
      (local.set $op (i32.add (local.get $out) (local.get $rowOff)))
      (local.set $cp (i32.const 0))
      (local.set $c (i32.const 0))
      (block $quads_done (loop $quads
        (br_if $quads_done (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $cols)))
        (v128.store (local.get $op) (f32x4.mul (f32x4.sub (f32x4.sub (v128.load (local.get $dyp)) (v128.load (i32.add (local.get $meanDy) (local.get $cp)))) (f32x4.mul (v128.load (local.get $xhp)) (v128.load (i32.add (local.get $meanDyXh) (local.get $cp))))) (v128.load (i32.add (local.get $scale) (local.get $cp)))))
        (local.set $dyp (i32.add (local.get $dyp) (i32.const 16)))
        (local.set $xhp (i32.add (local.get $xhp) (i32.const 16)))
        (local.set $op (i32.add (local.get $op) (i32.const 16)))
        (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $quads)))
      (block $tail_done (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $c) (local.get $cols)))
        (f32.store (local.get $op) (f32.mul (f32.sub (f32.sub (f32.load (local.get $dyp)) (f32.load (i32.add (local.get $meanDy) (local.get $cp)))) (f32.mul (f32.load (local.get $xhp)) (f32.load (i32.add (local.get $meanDyXh) (local.get $cp))))) (f32.load (i32.add (local.get $scale) (local.get $cp)))))
        (local.set $dyp (i32.add (local.get $dyp) (i32.const 4)))
        (local.set $xhp (i32.add (local.get $xhp) (i32.const 4)))
        (local.set $op (i32.add (local.get $op) (i32.const 4)))
        (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $tail)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
  )

  ;; Where input column iw's taps of filter column kw come from in dy's output row base: the
  ;; output pixel ow = (iw + pL - kw) / sW when that is whole and inside the row, else zeros.
  (func $gradSource (param $base i32) (param $iw i32) (param $kw i32) (param $OW i32) (param $Cout i32)
    (param $sW i32) (param $pL i32) (param $zeros i32) (result i32)
    (local $u i32)
    (local.set $u (i32.sub (i32.add (local.get $iw) (local.get $pL)) (local.get $kw)))
    (if (result i32) (i32.and
          (i32.ge_s (local.get $u) (i32.const 0))
          (i32.and (i32.eqz (i32.rem_u (local.get $u) (local.get $sW))) (i32.lt_u (i32.div_u (local.get $u) (local.get $sW)) (local.get $OW))))
      (then (i32.add (local.get $base) (i32.shl (i32.mul (i32.div_u (local.get $u) (local.get $sW)) (local.get $Cout)) (i32.const 2))))
      (else (local.get $zeros))))

  ;; The input gradient of a strided 2-D convolution for input rows [row0, row1) (row = n * H + ih):
  ;; dx[n, ih, iw, ci] = sum over the taps (kh, kw) that reach it from an output pixel (oh, ow)
  ;; of sum over co of dy[n, oh, ow, co] * wt[co, kh, kw, ci] (wt: the filter as [Cout, FH*FW*Cin]).
  ;; As the im2col route sums it, to the bit: each tap's sum over co in order from zero, then
  ;; the taps added to a zero in the order of their output pixels (kh, then kw, descending).
  ;; Tiles: 4 input columns of one stride class (so they share their taps) by 8 input channels;
  ;; the tile's running total lives in dx. Cin must be a multiple of 8; zeros: Cout float zeros.
  (func (export "inputGrad")
    (param $dy i32) (param $wt i32) (param $dx i32) (param $zeros i32)
    (param $H i32) (param $W i32) (param $Cin i32) (param $OH i32) (param $OW i32) (param $Cout i32)
    (param $FH i32) (param $FW i32) (param $sH i32) (param $sW i32) (param $pT i32) (param $pL i32)
    (param $row0 i32) (param $row1 i32)
    (local $row i32) (local $n i32) (local $ih i32) (local $cls i32) (local $count i32) (local $q0 i32)
    (local $last i32) (local $ci i32) (local $kh i32) (local $kw i32) (local $t i32) (local $base i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $wp i32) (local $k i32)
    (local $wStep i32) (local $pix i32) (local $xp i32) (local $j i32) (local $cinBytes i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $d0 v128) (local $d1 v128) (local $s v128)
    (local.set $wStep (i32.shl (i32.mul (i32.mul (local.get $FH) (local.get $FW)) (local.get $Cin)) (i32.const 2)))
    (local.set $cinBytes (i32.shl (local.get $Cin) (i32.const 2)))
    (local.set $row (local.get $row0))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $row) (local.get $row1)))
      (local.set $n (i32.div_u (local.get $row) (local.get $H)))
      (local.set $ih (i32.rem_u (local.get $row) (local.get $H)))
      (local.set $cls (i32.const 0))
      (block $classes_done (loop $classes
        (br_if $classes_done (i32.ge_u (local.get $cls) (local.get $sW)))
        ;; Columns cls, cls + sW, ...: count of them in the row.
        (local.set $count (i32.const 0))
        (if (i32.lt_u (local.get $cls) (local.get $W)) (then
          (local.set $count (i32.div_u (i32.add (i32.sub (local.get $W) (local.get $cls)) (i32.sub (local.get $sW) (i32.const 1))) (local.get $sW)))))
        (local.set $q0 (i32.const 0))
        (block $tiles_done (loop $tiles
          (br_if $tiles_done (i32.ge_u (local.get $q0) (local.get $count)))
          (local.set $last (i32.sub (local.get $count) (i32.const 1)))
          (if (i32.lt_u (i32.add (local.get $q0) (i32.const 3)) (local.get $last)) (then (local.set $last (i32.add (local.get $q0) (i32.const 3)))))
          (local.set $ci (i32.const 0))
          (block $channels_done (loop $channels
            (br_if $channels_done (i32.ge_u (local.get $ci) (local.get $Cin)))
            ;; The tile's totals start at zero in dx.
            (local.set $j (local.get $q0))
            (block $zero_done (loop $zero
              (br_if $zero_done (i32.gt_u (local.get $j) (local.get $last)))
              (local.set $xp (i32.add (local.get $dx) (i32.shl (i32.add (i32.mul
                (i32.add (i32.mul (local.get $row) (local.get $W)) (i32.add (local.get $cls) (i32.mul (local.get $j) (local.get $sW)))) (local.get $Cin)) (local.get $ci)) (i32.const 2))))
              (v128.store (local.get $xp) (v128.const i32x4 0 0 0 0))
              (v128.store offset=16 (local.get $xp) (v128.const i32x4 0 0 0 0))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $zero)))
            (local.set $kh (local.get $FH))
            (block $kh_done (loop $kh_loop
              (br_if $kh_done (i32.eqz (local.get $kh)))
              (local.set $kh (i32.sub (local.get $kh) (i32.const 1)))
              (local.set $t (i32.sub (i32.add (local.get $ih) (local.get $pT)) (local.get $kh)))
              (if (i32.and (i32.ge_s (local.get $t) (i32.const 0))
                    (i32.and (i32.eqz (i32.rem_u (local.get $t) (local.get $sH))) (i32.lt_u (i32.div_u (local.get $t) (local.get $sH)) (local.get $OH))))
                (then
                  (local.set $base (i32.add (local.get $dy) (i32.shl (i32.mul (i32.mul
                    (i32.add (i32.mul (local.get $n) (local.get $OH)) (i32.div_u (local.get $t) (local.get $sH))) (local.get $OW)) (local.get $Cout)) (i32.const 2))))
                  (local.set $kw (local.get $FW))
                  (block $kw_done (loop $kw_loop
                    (br_if $kw_done (i32.eqz (local.get $kw)))
                    (local.set $kw (i32.sub (local.get $kw) (i32.const 1)))
                    ;; A stride class either meets this kw or not: skip the tap when it does not.
                    (local.set $pix (i32.sub (i32.add (local.get $cls) (local.get $pL)) (local.get $kw)))
                    (if (i32.eqz (i32.rem_u (i32.add (local.get $pix) (i32.mul (local.get $sW) (i32.add (local.get $kw) (i32.const 1)))) (local.get $sW))) (then
                      (local.set $p0 (call $gradSource (local.get $base) (i32.add (local.get $cls) (i32.mul (local.get $q0) (local.get $sW))) (local.get $kw) (local.get $OW) (local.get $Cout) (local.get $sW) (local.get $pL) (local.get $zeros)))
                      (local.set $j (i32.add (local.get $q0) (i32.const 1)))
                      (if (i32.gt_u (local.get $j) (local.get $last)) (then (local.set $j (local.get $last))))
                      (local.set $p1 (call $gradSource (local.get $base) (i32.add (local.get $cls) (i32.mul (local.get $j) (local.get $sW))) (local.get $kw) (local.get $OW) (local.get $Cout) (local.get $sW) (local.get $pL) (local.get $zeros)))
                      (local.set $j (i32.add (local.get $q0) (i32.const 2)))
                      (if (i32.gt_u (local.get $j) (local.get $last)) (then (local.set $j (local.get $last))))
                      (local.set $p2 (call $gradSource (local.get $base) (i32.add (local.get $cls) (i32.mul (local.get $j) (local.get $sW))) (local.get $kw) (local.get $OW) (local.get $Cout) (local.get $sW) (local.get $pL) (local.get $zeros)))
                      (local.set $p3 (call $gradSource (local.get $base) (i32.add (local.get $cls) (i32.mul (local.get $last) (local.get $sW))) (local.get $kw) (local.get $OW) (local.get $Cout) (local.get $sW) (local.get $pL) (local.get $zeros)))
                      (local.set $wp (i32.add (local.get $wt) (i32.shl
                        (i32.add (i32.mul (i32.add (i32.mul (local.get $kh) (local.get $FW)) (local.get $kw)) (local.get $Cin)) (local.get $ci)) (i32.const 2))))
                      (local.set $a0 (v128.const i32x4 0 0 0 0))
                      (local.set $a1 (v128.const i32x4 0 0 0 0))
                      (local.set $a2 (v128.const i32x4 0 0 0 0))
                      (local.set $a3 (v128.const i32x4 0 0 0 0))
                      (local.set $a4 (v128.const i32x4 0 0 0 0))
                      (local.set $a5 (v128.const i32x4 0 0 0 0))
                      (local.set $a6 (v128.const i32x4 0 0 0 0))
                      (local.set $a7 (v128.const i32x4 0 0 0 0))
                      (local.set $k (local.get $Cout))
                      (loop $co
                        (local.set $d0 (v128.load (local.get $wp)))
                        (local.set $d1 (v128.load offset=16 (local.get $wp)))
                        (local.set $s (v128.load32_splat (local.get $p0)))
                        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (local.get $d0))))
                        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (local.get $d1))))
                        (local.set $s (v128.load32_splat (local.get $p1)))
                        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (local.get $d0))))
                        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (local.get $d1))))
                        (local.set $s (v128.load32_splat (local.get $p2)))
                        (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $s) (local.get $d0))))
                        (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $s) (local.get $d1))))
                        (local.set $s (v128.load32_splat (local.get $p3)))
                        (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $s) (local.get $d0))))
                        (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $s) (local.get $d1))))
                        (local.set $p0 (i32.add (local.get $p0) (i32.const 4)))
                        (local.set $p1 (i32.add (local.get $p1) (i32.const 4)))
                        (local.set $p2 (i32.add (local.get $p2) (i32.const 4)))
                        (local.set $p3 (i32.add (local.get $p3) (i32.const 4)))
                        (local.set $wp (i32.add (local.get $wp) (local.get $wStep)))
                        (br_if $co (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
                      ;; Add this tap's sums to the totals of the tile's real columns.
                      (local.set $xp (i32.add (local.get $dx) (i32.shl (i32.add (i32.mul
                        (i32.add (i32.mul (local.get $row) (local.get $W)) (i32.add (local.get $cls) (i32.mul (local.get $q0) (local.get $sW)))) (local.get $Cin)) (local.get $ci)) (i32.const 2))))
                      (local.set $pix (i32.mul (local.get $sW) (local.get $cinBytes)))
                      (v128.store (local.get $xp) (f32x4.add (v128.load (local.get $xp)) (local.get $a0)))
                      (v128.store offset=16 (local.get $xp) (f32x4.add (v128.load offset=16 (local.get $xp)) (local.get $a1)))
                      (if (i32.gt_u (local.get $last) (local.get $q0)) (then
                        (local.set $xp (i32.add (local.get $xp) (local.get $pix)))
                        (v128.store (local.get $xp) (f32x4.add (v128.load (local.get $xp)) (local.get $a2)))
                        (v128.store offset=16 (local.get $xp) (f32x4.add (v128.load offset=16 (local.get $xp)) (local.get $a3)))))
                      (if (i32.gt_u (local.get $last) (i32.add (local.get $q0) (i32.const 1))) (then
                        (local.set $xp (i32.add (local.get $xp) (local.get $pix)))
                        (v128.store (local.get $xp) (f32x4.add (v128.load (local.get $xp)) (local.get $a4)))
                        (v128.store offset=16 (local.get $xp) (f32x4.add (v128.load offset=16 (local.get $xp)) (local.get $a5)))))
                      (if (i32.gt_u (local.get $last) (i32.add (local.get $q0) (i32.const 2))) (then
                        (local.set $xp (i32.add (local.get $xp) (local.get $pix)))
                        (v128.store (local.get $xp) (f32x4.add (v128.load (local.get $xp)) (local.get $a6)))
                        (v128.store offset=16 (local.get $xp) (f32x4.add (v128.load offset=16 (local.get $xp)) (local.get $a7)))))))
                    (br $kw_loop)))))
              (br $kh_loop)))
            (local.set $ci (i32.add (local.get $ci) (i32.const 8)))
            (br $channels)))
          (local.set $q0 (i32.add (local.get $q0) (i32.const 4)))
          (br $tiles)))
        (local.set $cls (i32.add (local.get $cls) (i32.const 1)))
        (br $classes)))
      (local.set $row (i32.add (local.get $row) (i32.const 1)))
      (br $rows)))
  )
)
