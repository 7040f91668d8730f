#pragma once
// LLaVA-1.5's mlp2x_gelu projector: Linear -> exact GELU -> Linear.
#include <torch/torch.h>

#include "engine/config.h"
#include "engine/layers.h"

namespace llavolta::engine {

class ProjectorImpl : public torch::nn::Module {
 public:
  ProjectorImpl(const ModelConfig& c, ModuleOptions o) {
    linear_1 = register_module("linear_1", Linear(c.vision.hiddenSize, c.text.hiddenSize, true, o));
    linear_2 = register_module("linear_2", Linear(c.text.hiddenSize, c.text.hiddenSize, true, o));
  }
  torch::Tensor forward(const torch::Tensor& x) { return linear_2(torch::gelu(linear_1(x))); }
  Linear linear_1{nullptr}, linear_2{nullptr};
};
TORCH_MODULE(Projector);

}  // namespace llavolta::engine
