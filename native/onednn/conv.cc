// Convolutions on oneDNN (the library PyTorch's CPU convolutions run on), for tensors that live
// in the tfjs wasm heap: JS passes Float32Array views of that heap and oneDNN reads and writes
// them in place. Layouts are tfjs's: activations NHWC, filters HWIO.
#include <node_api.h>
#include <omp.h>
#include <oneapi/dnnl/dnnl.hpp>
#include <map>
#include <memory>
#include <string>

namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;

enum Op { FORWARD = 0, BACKWARD_DATA = 1, BACKWARD_WEIGHTS = 2 };

// N, inH, inW, inC, outH, outW, outC, fH, fW, strideH, strideW, dilationH, dilationW,
// padTop, padLeft, padBottom, padRight
constexpr int GEOMETRY_FIELDS = 17;

struct Plan {
  dnnl::primitive primitive;
  // Filters in oneDNN's preferred layout, and the reorders to and from HWIO.
  memory::desc weightsDesc;
  std::unique_ptr<dnnl::reorder> weightsIn;   // HWIO -> preferred (forward, backward data)
  std::unique_ptr<dnnl::reorder> weightsOut;  // preferred -> HWIO (backward weights)
  memory::desc srcDesc, dstDesc;              // NHWC activations as the primitive wants them
};

dnnl::engine& cpuEngine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}
dnnl::stream& cpuStream() {
  static dnnl::stream stream(cpuEngine());
  return stream;
}

std::map<std::string, std::unique_ptr<Plan>>& plans() {
  static std::map<std::string, std::unique_ptr<Plan>> cache;
  return cache;
}

std::unique_ptr<Plan> makePlan(int op, const int* g) {
  const memory::dim N = g[0], IH = g[1], IW = g[2], IC = g[3], OH = g[4], OW = g[5], OC = g[6];
  const memory::dim KH = g[7], KW = g[8];
  memory::dims strides = {g[9], g[10]};
  memory::dims dilates = {g[11] - 1, g[12] - 1};  // oneDNN counts the gaps
  memory::dims padL = {g[13], g[14]}, padR = {g[15], g[16]};
  memory::desc src({N, IC, IH, IW}, dt::f32, tag::nhwc);
  memory::desc dst({N, OC, OH, OW}, dt::f32, tag::nhwc);
  memory::desc weightsAny({OC, IC, KH, KW}, dt::f32, tag::any);
  memory::desc weightsHwio({OC, IC, KH, KW}, dt::f32, tag::hwio);
  auto& engine = cpuEngine();
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::library);

  dnnl::convolution_forward::desc fwdDesc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct,
                                          src, weightsAny, dst, strides, dilates, padL, padR);
  dnnl::convolution_forward::primitive_desc fwdPd(fwdDesc, attr, engine);
  auto plan = std::make_unique<Plan>();
  plan->srcDesc = src;
  plan->dstDesc = dst;
  if (op == FORWARD) {
    plan->primitive = dnnl::convolution_forward(fwdPd);
    plan->weightsDesc = fwdPd.weights_desc();
  } else if (op == BACKWARD_DATA) {
    dnnl::convolution_backward_data::desc d(dnnl::algorithm::convolution_direct, src, weightsAny, dst, strides, dilates, padL, padR);
    dnnl::convolution_backward_data::primitive_desc pd(d, attr, engine, fwdPd);
    plan->primitive = dnnl::convolution_backward_data(pd);
    plan->weightsDesc = pd.weights_desc();
  } else {
    dnnl::convolution_backward_weights::desc d(dnnl::algorithm::convolution_direct, src, weightsAny, dst, strides, dilates, padL, padR);
    dnnl::convolution_backward_weights::primitive_desc pd(d, attr, engine, fwdPd);
    plan->primitive = dnnl::convolution_backward_weights(pd);
    plan->weightsDesc = pd.diff_weights_desc();
  }
  if (plan->weightsDesc != weightsHwio) {
    if (op == BACKWARD_WEIGHTS) plan->weightsOut = std::make_unique<dnnl::reorder>(dnnl::reorder::primitive_desc(engine, plan->weightsDesc, engine, weightsHwio));
    else plan->weightsIn = std::make_unique<dnnl::reorder>(dnnl::reorder::primitive_desc(engine, weightsHwio, engine, plan->weightsDesc));
  }
  return plan;
}

Plan& planFor(int op, const int* g) {
  std::string key(reinterpret_cast<const char*>(g), GEOMETRY_FIELDS * sizeof(int));
  key.push_back(static_cast<char>(op));
  auto& cache = plans();
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  auto plan = makePlan(op, g);
  Plan& ref = *plan;
  cache.emplace(key, std::move(plan));
  return ref;
}

napi_value throwError(napi_env env, const std::string& message) {
  napi_throw_error(env, nullptr, message.c_str());
  return nullptr;
}

bool floatView(napi_env env, napi_value value, float** data, size_t* length) {
  bool isTyped = false;
  if (napi_is_typedarray(env, value, &isTyped) != napi_ok || !isTyped) return false;
  napi_typedarray_type type;
  void* raw = nullptr;
  napi_value buffer;
  size_t offset = 0;
  if (napi_get_typedarray_info(env, value, &type, length, &raw, &buffer, &offset) != napi_ok) return false;
  if (type != napi_float32_array) return false;
  *data = static_cast<float*>(raw);
  return true;
}

// conv(op, geometry: Int32Array(17), a: Float32Array, b: Float32Array, out: Float32Array)
//   FORWARD:          a = x,  b = w   -> out = y
//   BACKWARD_DATA:    a = dy, b = w   -> out = dx
//   BACKWARD_WEIGHTS: a = x,  b = dy  -> out = dW
napi_value Conv(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 5) return throwError(env, "conv: expected (op, geometry, a, b, out)");
  int op = -1;
  if (napi_get_value_int32(env, argv[0], &op) != napi_ok || op < 0 || op > 2) return throwError(env, "conv: op must be 0, 1 or 2");
  bool isTyped = false;
  napi_typedarray_type type;
  size_t gLength = 0;
  void* gRaw = nullptr;
  napi_value gBuffer;
  size_t gOffset = 0;
  if (napi_is_typedarray(env, argv[1], &isTyped) != napi_ok || !isTyped ||
      napi_get_typedarray_info(env, argv[1], &type, &gLength, &gRaw, &gBuffer, &gOffset) != napi_ok ||
      type != napi_int32_array || gLength != GEOMETRY_FIELDS)
    return throwError(env, "conv: geometry must be an Int32Array of 17 fields");
  const int* g = static_cast<const int*>(gRaw);
  for (int i = 0; i < GEOMETRY_FIELDS; i++)
    if (g[i] < (i >= 13 ? 0 : 1)) return throwError(env, "conv: geometry field " + std::to_string(i) + " out of range");
  float *a = nullptr, *b = nullptr, *out = nullptr;
  size_t aLen = 0, bLen = 0, outLen = 0;
  if (!floatView(env, argv[2], &a, &aLen) || !floatView(env, argv[3], &b, &bLen) || !floatView(env, argv[4], &out, &outLen))
    return throwError(env, "conv: a, b and out must be Float32Arrays");
  const size_t xLen = size_t(g[0]) * g[1] * g[2] * g[3];
  const size_t yLen = size_t(g[0]) * g[4] * g[5] * g[6];
  const size_t wLen = size_t(g[7]) * g[8] * g[3] * g[6];
  const size_t want[3][3] = {{xLen, wLen, yLen}, {yLen, wLen, xLen}, {xLen, yLen, wLen}};
  if (aLen != want[op][0] || bLen != want[op][1] || outLen != want[op][2])
    return throwError(env, "conv: array lengths do not match the geometry");
  try {
    Plan& plan = planFor(op, g);
    auto& engine = cpuEngine();
    auto& stream = cpuStream();
    memory::desc weightsHwio({g[6], g[3], g[7], g[8]}, dt::f32, tag::hwio);
    if (op == FORWARD || op == BACKWARD_DATA) {
      memory userWeights(weightsHwio, engine, b);
      memory weights = userWeights;
      if (plan.weightsIn) {
        weights = memory(plan.weightsDesc, engine);
        plan.weightsIn->execute(stream, userWeights, weights);
      }
      if (op == FORWARD) {
        memory src(plan.srcDesc, engine, a), dst(plan.dstDesc, engine, out);
        plan.primitive.execute(stream, {{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DST, dst}});
      } else {
        memory diffDst(plan.dstDesc, engine, a), diffSrc(plan.srcDesc, engine, out);
        plan.primitive.execute(stream, {{DNNL_ARG_DIFF_DST, diffDst}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DIFF_SRC, diffSrc}});
      }
    } else {
      memory src(plan.srcDesc, engine, a), diffDst(plan.dstDesc, engine, b);
      memory userDiffWeights(weightsHwio, engine, out);
      memory diffWeights = plan.weightsOut ? memory(plan.weightsDesc, engine) : userDiffWeights;
      plan.primitive.execute(stream, {{DNNL_ARG_SRC, src}, {DNNL_ARG_DIFF_DST, diffDst}, {DNNL_ARG_DIFF_WEIGHTS, diffWeights}});
      if (plan.weightsOut) plan.weightsOut->execute(stream, diffWeights, userDiffWeights);
    }
    stream.wait();
  } catch (const dnnl::error& e) {
    return throwError(env, std::string("oneDNN: ") + e.what());
  }
  return nullptr;
}

napi_value SetThreads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  int threads = 0;
  if (argc != 1 || napi_get_value_int32(env, argv[0], &threads) != napi_ok || threads < 1 || threads > 1024)
    return throwError(env, "setThreads: a thread count from 1 to 1024");
  omp_set_num_threads(threads);
  return nullptr;
}

napi_value Version(napi_env env, napi_callback_info) {
  const dnnl_version_t* v = dnnl_version();
  std::string text = std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch);
  napi_value result;
  napi_create_string_utf8(env, text.c_str(), text.size(), &result);
  return result;
}

napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"conv", nullptr, Conv, nullptr, nullptr, nullptr, napi_default, nullptr},
    {"setThreads", nullptr, SetThreads, nullptr, nullptr, nullptr, napi_default, nullptr},
    {"version", nullptr, Version, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, 3, props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
